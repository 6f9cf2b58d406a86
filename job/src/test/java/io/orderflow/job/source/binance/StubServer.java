package io.orderflow.job.source.binance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server on loopback that does only what a test tells it: counts connections, keeps
 * what they send, answers nothing, and runs {@code onOpen} on each new connection.
 */
final class StubServer extends WebSocketServer {

    private final Consumer<WebSocket> onOpen;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile boolean started;

    StubServer(Consumer<WebSocket> onOpen) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.onOpen = onOpen;
        setReuseAddr(true);
        setDaemon(true);
    }

    boolean started() {
        return started;
    }

    String wsBaseUrl() {
        return "ws://127.0.0.1:" + getPort();
    }

    int connections() {
        return connections.get();
    }

    List<String> received() {
        return received;
    }

    @Override
    public void onStart() {
        started = true;
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        connections.incrementAndGet();
        onOpen.accept(connection);
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        received.add(message);
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket connection, Exception e) {}
}
