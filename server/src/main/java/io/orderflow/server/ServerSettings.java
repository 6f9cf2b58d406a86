package io.orderflow.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's settings (docs/server.md). {@code ingestToken} is null when none is configured: then
 * only loopback may ingest. {@code trustLoopback} is false only in tests, to exercise the token check
 * from loopback. {@code stateDir} keeps what must outlive the process (each stream's last seq); null
 * keeps nothing.
 */
public record ServerSettings(
        String host,
        int port,
        Path dataDir,
        int ringSize,
        String ingestToken,
        boolean trustLoopback,
        int maxConnectionsPerIp,
        int requestsPerSecondPerIp,
        int maxSubscriptions,
        int maxClientFrameBytes,
        int maxIngestFrameBytes,
        int outboundQueueRows,
        Duration pingInterval,
        Duration silenceLimit,
        Path stateDir) {

    public ServerSettings {
        requirePositive("port", port);
        requirePositive("ring size", ringSize);
        requirePositive("connections per IP", maxConnectionsPerIp);
        requirePositive("requests per second per IP", requestsPerSecondPerIp);
        requirePositive("subscriptions per connection", maxSubscriptions);
        requirePositive("client frame size", maxClientFrameBytes);
        requirePositive("ingest frame size", maxIngestFrameBytes);
        requirePositive("outbound queue", outboundQueueRows);
        if (port > 65_535) {
            throw new IllegalArgumentException("port must be at most 65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (ingestToken != null && ingestToken.isBlank()) {
            ingestToken = null;
        }
        if (silenceLimit.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("the silence limit must exceed the ping interval");
        }
    }

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 8000, Path.of("data"), 10_000, null, true, 20, 50, 200,
                64 * 1024, 4 * 1024 * 1024, 4_096, Duration.ofSeconds(30), Duration.ofSeconds(60), null);
    }

    public ServerSettings withEndpoint(String newHost, int newPort) {
        return new ServerSettings(newHost, newPort, dataDir, ringSize, ingestToken, trustLoopback,
                maxConnectionsPerIp, requestsPerSecondPerIp, maxSubscriptions, maxClientFrameBytes,
                maxIngestFrameBytes, outboundQueueRows, pingInterval, silenceLimit, stateDir);
    }

    public ServerSettings withDataDir(Path newDataDir) {
        return new ServerSettings(host, port, newDataDir, ringSize, ingestToken, trustLoopback,
                maxConnectionsPerIp, requestsPerSecondPerIp, maxSubscriptions, maxClientFrameBytes,
                maxIngestFrameBytes, outboundQueueRows, pingInterval, silenceLimit, stateDir);
    }

    public ServerSettings withRingSize(int newRingSize) {
        return new ServerSettings(host, port, dataDir, newRingSize, ingestToken, trustLoopback,
                maxConnectionsPerIp, requestsPerSecondPerIp, maxSubscriptions, maxClientFrameBytes,
                maxIngestFrameBytes, outboundQueueRows, pingInterval, silenceLimit, stateDir);
    }

    public ServerSettings withIngestToken(String newToken, boolean newTrustLoopback) {
        return new ServerSettings(host, port, dataDir, ringSize, newToken, newTrustLoopback,
                maxConnectionsPerIp, requestsPerSecondPerIp, maxSubscriptions, maxClientFrameBytes,
                maxIngestFrameBytes, outboundQueueRows, pingInterval, silenceLimit, stateDir);
    }

    public ServerSettings withLimits(int connectionsPerIp, int requestsPerSecond, int subscriptions, int queueRows) {
        return new ServerSettings(host, port, dataDir, ringSize, ingestToken, trustLoopback,
                connectionsPerIp, requestsPerSecond, subscriptions, maxClientFrameBytes,
                maxIngestFrameBytes, queueRows, pingInterval, silenceLimit, stateDir);
    }

    public ServerSettings withLiveness(Duration newPingInterval, Duration newSilenceLimit) {
        return new ServerSettings(host, port, dataDir, ringSize, ingestToken, trustLoopback,
                maxConnectionsPerIp, requestsPerSecondPerIp, maxSubscriptions, maxClientFrameBytes,
                maxIngestFrameBytes, outboundQueueRows, newPingInterval, newSilenceLimit, stateDir);
    }

    public ServerSettings withStateDir(Path newStateDir) {
        return new ServerSettings(host, port, dataDir, ringSize, ingestToken, trustLoopback,
                maxConnectionsPerIp, requestsPerSecondPerIp, maxSubscriptions, maxClientFrameBytes,
                maxIngestFrameBytes, outboundQueueRows, pingInterval, silenceLimit, newStateDir);
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
