package io.orderflow.server;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        ObjectMapper json) {

    /** The version in hello messages and /health: the artifact's, or "dev" when run from classes. */
    static final String VERSION = versionOf(ServerContext.class.getPackage().getImplementationVersion());

    private static String versionOf(String implementationVersion) {
        return implementationVersion == null ? "dev" : implementationVersion;
    }
}
