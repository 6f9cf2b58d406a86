package io.orderflow.server;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code jobs/serve.sh}: the stream server as a process of its own.
 * {@code --port N --host H --data DIR --ring-size N --ingest-token T} (or env SERVER_INGEST_TOKEN)
 * {@code --state DIR}.
 */
public final class ServerMain {

    private static final String USAGE = "usage: serve.sh [--port N] [--host H] [--data DIR] [--ring-size N] [--ingest-token T] [--state DIR]";

    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        ServerSettings settings;
        try {
            settings = parse(args, System.getenv("SERVER_INGEST_TOKEN"));
        } catch (IllegalArgumentException e) {
            System.err.println("serve: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        StreamServer server;
        try {
            server = new StreamServer(settings);
        } catch (IllegalArgumentException e) {
            System.err.println("serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("serve: stopping failed: " + e);
            }
        }, "server-shutdown"));
        server.start();
        server.join();
    }

    /** Where a standalone server keeps each stream's last seq, relative to the repository (serve.sh runs there). */
    static final Path DEFAULT_STATE_DIR = Path.of("artifacts/server");

    /** The settings the flags ask for; throws naming the first bad flag. */
    static ServerSettings parse(String[] args, String tokenFromEnvironment) {
        ServerSettings defaults = ServerSettings.defaults();
        String host = defaults.host();
        int port = defaults.port();
        Path data = defaults.dataDir();
        int ringSize = defaults.ringSize();
        String token = tokenFromEnvironment;
        Path state = DEFAULT_STATE_DIR;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("flags");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = intFlag(flag, value);
                case "--host" -> host = value;
                case "--data" -> data = directoryFlag(flag, value);
                case "--ring-size" -> ringSize = intFlag(flag, value);
                case "--ingest-token" -> token = value;
                case "--state" -> state = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        return defaults.withEndpoint(host, port).withDataDir(data).withRingSize(ringSize)
                .withIngestToken(token, true).withStateDir(state);
    }

    private static Path directoryFlag(String flag, String value) {
        Path path = Path.of(value);
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(flag + " " + value + " is not a directory");
        }
        return path;
    }

    private static int intFlag(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
        }
    }
}
