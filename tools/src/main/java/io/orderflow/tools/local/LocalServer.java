package io.orderflow.tools.local;

import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.server.ServerSettings;
import io.orderflow.server.StreamServer;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream server of a local run (SERVER_PORT, docs/server.md#how-it-runs): in this process, on
 * 127.0.0.1, with {@code /history} over OUTPUT_DIR and the streams' last seqs under STATE_DIR/server,
 * beside the run's savepoints; the job's LIVE_URL points at it. It starts before the job and stops
 * after it. The job never waits for it: its live sink drops what the server does not take.
 */
final class LocalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
    private static final String HOST = "127.0.0.1";

    private final StreamServer server;

    private LocalServer(StreamServer server) {
        this.server = server;
    }

    /**
     * The server started, or empty when SERVER_PORT is 0 or LIVE_URL names a server of its own.
     *
     * @throws ConfigException if SERVER_PORT is taken, or the last seqs kept under STATE_DIR/server unreadable
     */
    static Optional<LocalServer> start(OrderflowConfig config) {
        int port = config.serverPort();
        if (port == 0 || config.liveUrl().isPresent()) {
            return Optional.empty();
        }
        StreamServer server;
        try {
            server = new StreamServer(ServerSettings.defaults().withEndpoint(HOST, port)
                    .withDataDir(Path.of(config.outputDir())).withStateDir(Path.of(config.stateDir(), "server")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        try {
            server.start();
        } catch (Exception e) {
            server.close();
            throw isBindFailure(e)
                    ? new ConfigException("SERVER_PORT=" + port + " is in use: give another port (--server-port),"
                            + " or 0 for no stream server")
                    : new ConfigException("SERVER_PORT=" + port + ": cannot serve on it (" + e.getMessage() + ")");
        }
        return Optional.of(new LocalServer(server));
    }

    /** {@code config} with the job's live rows going to this server. */
    OrderflowConfig sendingHere(OrderflowConfig config) {
        return config.with("LIVE_URL", "ws://" + HOST + ":" + server.port() + "/ingest");
    }

    String address() {
        return "http://" + HOST + ":" + server.port();
    }

    /** Stops the server; a failure is only logged, since the run it served is over and its data committed. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the stream server failed", e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
