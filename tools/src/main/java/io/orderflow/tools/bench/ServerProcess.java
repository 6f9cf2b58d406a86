package io.orderflow.tools.bench;

import io.orderflow.server.ServerSettings;
import io.orderflow.server.StreamServer;
import io.orderflow.testkit.FreePorts;
import java.io.IOException;
import java.util.List;

/**
 * The stream server in a JVM of its own, as {@code jobs/serve.sh} runs it: its garbage, JIT and
 * threads are not those of the load generator measuring it. It still shares the machine's CPUs.
 *
 * <p>Protocol: the child prints {@code port <n>} once it serves, then runs until ended.
 */
final class ServerProcess implements AutoCloseable {

    private final ChildJvm jvm;
    private final int port;

    private ServerProcess(ChildJvm jvm) throws IOException {
        this.jvm = jvm;
        this.port = Integer.parseInt(jvm.field("port"));
    }

    static ServerProcess start() throws IOException, InterruptedException {
        return ChildJvm.start("the stream server process", ServerProcess.class, List.of(), ServerProcess::new);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close(); // SIGTERM: its shutdown hook stops the server
    }

    public static void main(String[] args) throws Exception {
        // Every client of the bench comes from loopback: the per-IP limits (20 connections, 50 requests
        // a second, each upgrade being one) would refuse most of 200.
        ServerSettings defaults = ServerSettings.defaults();
        StreamServer server = new StreamServer(defaults.withEndpoint("127.0.0.1", FreePorts.next())
                .withLimits(10_000, 10_000, defaults.maxSubscriptions(), defaults.outboundQueueRows()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "server-process-shutdown"));
        server.start();
        System.out.println("port " + server.port());
        server.join();
    }
}
