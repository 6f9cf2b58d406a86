package io.orderflow.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream server: Jetty with the ingest and client WebSockets and the HTTP endpoints on one port.
 * Requests pass the per-IP rate limit first (ingest excepted: it has its own check), then the
 * WebSocket upgrades, then {@link HttpApi}.
 */
public final class StreamServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);

    private final ServerContext context;
    private final Server server;
    private final ServerConnector connector;
    private final LastSeqStore lastSeqs;

    /** Throws naming the problem when the state directory's last seqs cannot be read. */
    public StreamServer(ServerSettings settings) {
        ServerMetrics metrics = new ServerMetrics();
        ObjectMapper json = new ObjectMapper();
        this.lastSeqs = settings.stateDir() == null ? null : new LastSeqStore(settings.stateDir(), json);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "server-liveness");
            t.setDaemon(true);
            return t;
        });
        StreamRegistry registry = new StreamRegistry(settings.ringSize(), metrics,
                lastSeqs == null ? Map.of() : lastSeqs.load());
        this.context = new ServerContext(settings, registry, metrics,
                new IpLimiter(settings.maxConnectionsPerIp(), settings.requestsPerSecondPerIp(), System::nanoTime),
                ConcurrentHashMap.newKeySet(), scheduler, Writers.onePerCore(), json);

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("server");
        this.server = new Server(threads);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);

        WebSocketUpgradeHandler webSockets = WebSocketUpgradeHandler.from(server, container -> {
            // Jetty's own timeout is only the backstop of the liveness check.
            container.setIdleTimeout(settings.silenceLimit().plus(settings.pingInterval()));
            container.setMaxTextMessageSize(settings.maxIngestFrameBytes());
            container.addMapping("/ingest", (request, response, callback) -> {
                String refusal = ingestRefusal(request);
                if (refusal != null) {
                    HttpApi.error(context, response, callback, 401, refusal);
                    return null;
                }
                return new IngestSession(context);
            });
            container.addMapping("/ws/stream", (request, response, callback) -> {
                String ip = ipOf(request);
                if (!context.limiter().tryOpen(ip)) {
                    HttpApi.error(context, response, callback, 429, "at most "
                            + settings.maxConnectionsPerIp() + " connections per IP");
                    return null;
                }
                return new ClientSession(context, ip);
            });
        });
        HttpApi.Rates rates = new HttpApi.Rates(metrics);
        HistoryEndpoint history = new HistoryEndpoint(new ParquetHistory(settings.dataDir()), context.registry(), context.json());
        webSockets.setHandler(new HttpApi(context, history, new LivePage(), rates));
        server.setHandler(new RateLimit(webSockets));

        long pingMillis = settings.pingInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::checkLiveness, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(rates::sample, 1, 1, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(context.limiter()::evictIdle, 10, 10, TimeUnit.SECONDS);
        if (lastSeqs != null) {
            scheduler.scheduleAtFixedRate(this::saveLastSeqs, 1, 1, TimeUnit.SECONDS);
        }
    }

    public void start() throws Exception {
        server.start();
        LOG.info("Stream server on http://{}:{} (ring {} rows per stream, ingest token {})",
                context.settings().host(), port(), context.settings().ringSize(),
                context.settings().ingestToken() == null ? "not set: loopback only" : "set");
    }

    /** The port bound, also when the settings asked for any. */
    public int port() {
        return connector.getLocalPort();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        context.scheduler().shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the stream server failed", e);
        }
        context.writers().close();
        if (lastSeqs != null) {
            lastSeqs.save(context.registry().lastSeqs()); // after the ingest has stopped: nothing newer can come
        }
    }

    private void saveLastSeqs() {
        try {
            lastSeqs.save(context.registry().lastSeqs());
        } catch (RuntimeException e) {
            // Kept trying: a full disk must not stop the serving, only the memory across a restart.
            LOG.warn("Cannot keep the streams' last seqs: {}", e.getMessage());
        }
    }

    private void checkLiveness() {
        long now = System.nanoTime();
        for (ClientSession client : context.clients()) {
            client.checkLiveness(now);
        }
    }

    /** Null when the ingest may go ahead, otherwise why not (docs/live-protocol.md). */
    private String ingestRefusal(Request request) {
        ServerSettings settings = context.settings();
        if (settings.trustLoopback() && isLoopback(request.getConnectionMetaData().getRemoteSocketAddress())) {
            return null;
        }
        if (settings.ingestToken() == null) {
            return "ingest from outside loopback needs a server started with an ingest token";
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        byte[] expected = ("Bearer " + settings.ingestToken()).getBytes(StandardCharsets.UTF_8);
        if (authorization == null
                || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
            return "ingest needs Authorization: Bearer <token>";
        }
        return null;
    }

    private static boolean isLoopback(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            return ip != null && ip.isLoopbackAddress();
        }
        return false;
    }

    private static String ipOf(Request request) {
        return Request.getRemoteAddr(request);
    }

    /** Requests per second per IP, 429 with Retry-After beyond; ingest is not limited. */
    private final class RateLimit extends Handler.Wrapper {

        RateLimit(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!"/ingest".equals(Request.getPathInContext(request))
                    && !context.limiter().tryRequest(ipOf(request))) {
                context.metrics().rateLimited.increment();
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                return HttpApi.error(context, response, callback, 429, "more than "
                        + context.settings().requestsPerSecondPerIp() + " requests per second from this IP");
            }
            return super.handle(request, response, callback);
        }
    }
}
