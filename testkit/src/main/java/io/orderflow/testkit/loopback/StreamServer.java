package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.MarketType;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange's WebSocket side: Binance's paths and routes, control messages, server pings with a
 * pong deadline, the maximum connection age, the incoming-message cap, and the socket-level faults.
 */
final class StreamServer extends WebSocketServer implements Broadcast {

    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final int STOP_TIMEOUT_MS = 2_000;

    private final LongAdder messagesSent = new LongAdder();
    private final MarketType market;
    private final Set<String> symbols;
    private final ConnectionPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final ControlProtocol control;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Exception startFailure;
    private volatile boolean silenced;

    /** @param scheduler runs the pings and age cuts; owned by the caller */
    StreamServer(InetSocketAddress address, MarketType market, Set<String> symbols, ConnectionPolicy policy,
            ScheduledExecutorService scheduler) {
        super(address);
        this.market = market;
        this.symbols = symbols;
        this.policy = policy;
        this.scheduler = scheduler;
        this.control = new ControlProtocol(market, symbols);
        // The library's own keep-alive has whole-second granularity; ours follows the policy.
        setConnectionLostTimeout(0);
        setReuseAddr(true);
        setDaemon(true);
    }

    /** Binds, waits until the server accepts connections, and starts pinging. */
    void open() {
        start();
        try {
            if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || startFailure != null) {
                throw new IllegalStateException("WebSocket server did not start on " + getAddress(), startFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the WebSocket server", e);
        }
        long pingNanos = policy.pingInterval().toNanos();
        scheduler.scheduleAtFixedRate(this::pingRound, pingNanos, pingNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void publish(Topic topic, String data) {
        if (silenced) {
            return;
        }
        for (WebSocket connection : getConnections()) {
            session(connection).deliver(topic, data, frame -> send(connection, frame));
        }
    }

    @Override
    public boolean wants(Topic topic) {
        if (silenced) {
            return false;
        }
        for (WebSocket connection : getConnections()) {
            if (session(connection).carries(topic)) {
                return true;
            }
        }
        return false;
    }

    /** Closes every socket without a close frame, like a network failure (clients see 1006). */
    void dropConnections() {
        List<WebSocket> connections = List.copyOf(getConnections());
        LOG.info("dropping {} connection(s) (injected fault)", connections.size());
        for (WebSocket connection : connections) {
            connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by fault injection");
        }
    }

    /** While on, nothing goes out (no data, no pings), though sockets stay open. */
    void silence(boolean on) {
        LOG.info("silence {}", on ? "on" : "off");
        silenced = on;
    }

    /** Sends {@code text} as a text frame to every client, even while silenced: it is a command. */
    void sendToAll(String text) {
        for (WebSocket connection : getConnections()) {
            send(connection, text);
        }
    }

    /** Sends {@code bytes} as a binary frame to every client, even while silenced. */
    void sendBinaryToAll(byte[] bytes) {
        for (WebSocket connection : getConnections()) {
            try {
                connection.send(bytes);
            } catch (WebsocketNotConnectedException e) {
                // closed since it was listed
            }
        }
    }

    /** Text frames sent to clients since the start, for measuring a client's input rate. */
    long messagesSent() {
        return messagesSent.sum();
    }

    int connectionCount() {
        return getConnections().size();
    }

    int totalConnectionsAccepted() {
        return accepted.get();
    }

    /** Every stream some connection is subscribed to, sorted. */
    List<String> subscriptions() {
        Set<String> streams = new TreeSet<>();
        for (WebSocket connection : getConnections()) {
            streams.addAll(session(connection).subscriptions());
        }
        return List.copyOf(streams);
    }

    void close() {
        try {
            stop(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
            WebSocket connection, Draft draft, ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
        try {
            Endpoint endpoint = Endpoint.parse(request.getResourceDescriptor(), market, symbols);
            connection.setAttachment(new ClientSession(endpoint, policy.messagesPerSecond()));
        } catch (IllegalArgumentException e) {
            LOG.warn("refusing connection to {}: {}", request.getResourceDescriptor(), e.getMessage());
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, e.getMessage());
        }
        return response;
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        accepted.incrementAndGet();
        session(connection).ageCut(scheduler.schedule(() -> {
            LOG.info("closing {}: reached the maximum connection age {}", connection.getRemoteSocketAddress(),
                    policy.maxAge());
            connection.close(CloseFrame.GOING_AWAY, "maximum connection age");
        }, policy.maxAge().toNanos(), TimeUnit.NANOSECONDS));
        LOG.info("client {} connected to {}", connection.getRemoteSocketAddress(), handshake.getResourceDescriptor());
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        session(connection).closed();
        LOG.info("client {} disconnected: {} {}", connection.getRemoteSocketAddress(), code, reason);
    }

    @Override
    public void onMessage(WebSocket connection, String text) {
        ClientSession session = session(connection);
        if (admit(connection, session)) {
            ControlProtocol.Reply reply = control.handle(text, session);
            send(connection, reply.json());
            reply.effect().run();
        }
    }

    /** Binance counts a client's pings against its message budget; pongs answer ours, so not those. */
    @Override
    public void onWebsocketPing(WebSocket connection, Framedata ping) {
        if (admit(connection, session(connection))) {
            super.onWebsocketPing(connection, ping);
        }
    }

    @Override
    public void onWebsocketPong(WebSocket connection, Framedata pong) {
        session(connection).ponged();
    }

    @Override
    public void onError(WebSocket connection, Exception e) {
        if (connection == null) {
            LOG.error("WebSocket server failed", e);
            startFailure = e;
            started.countDown();
        } else {
            LOG.debug("connection {} failed", connection.getRemoteSocketAddress(), e);
        }
    }

    @Override
    public void onStart() {
        LOG.info("{} WebSocket server listening on port {}", market, getPort());
        started.countDown();
    }

    private boolean admit(WebSocket connection, ClientSession session) {
        if (session.admit(System.nanoTime())) {
            return true;
        }
        LOG.warn("closing {}: more than {} incoming messages per second", connection.getRemoteSocketAddress(),
                session.messagesPerSecond());
        connection.close(CloseFrame.POLICY_VALIDATION, "Too many requests");
        return false;
    }

    /** A client owing a pong past the deadline is cut off; it would not answer a close handshake either. */
    private void pingRound() {
        if (silenced) {
            return;
        }
        long now = System.nanoTime();
        for (WebSocket connection : getConnections()) {
            ClientSession session = session(connection);
            if (session.pongOverdue(now, policy.pongTimeout().toNanos())) {
                LOG.warn("closing {}: no pong within {}", connection.getRemoteSocketAddress(), policy.pongTimeout());
                connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "pong timeout");
            } else {
                session.pinged(now);
                try {
                    connection.sendPing();
                } catch (WebsocketNotConnectedException e) {
                    // closed since it was listed
                }
            }
        }
    }

    private void send(WebSocket connection, String text) {
        try {
            connection.send(text);
            messagesSent.increment();
        } catch (WebsocketNotConnectedException e) {
            // closed since it was listed: a client that is gone misses the message, as on the real thing
        }
    }

    private static ClientSession session(WebSocket connection) {
        return connection.getAttachment();
    }
}
