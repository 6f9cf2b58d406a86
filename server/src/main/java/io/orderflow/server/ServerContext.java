package io.orderflow.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/** What the sessions and handlers of one server share. */
record ServerContext(
        ServerSettings settings,
        StreamRegistry registry,
        ServerMetrics metrics,
        IpLimiter limiter,
        Set<ClientSession> clients,
        ScheduledExecutorService scheduler,
        Writers writers,
        ObjectMapper json) {

    /** What Maven wrote into server.properties: the version (hello messages, /health), ECharts'. */
    static final Properties BUILD = readBuildProperties();

    /** The version in hello messages and /health. */
    static final String VERSION = BUILD.getProperty("version", "unknown");

    private static Properties readBuildProperties() {
        Properties properties = new Properties();
        try (InputStream in = ServerContext.class.getResourceAsStream("server.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading server.properties", e);
        }
        return properties;
    }
}
