package io.orderflow.job.live;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for the stream server's ingest endpoint on loopback: keeps every message (one per line of
 * each text frame), the frames, the {@code Authorization} header of each connection and how each ended.
 */
final class IngestServer extends WebSocketServer {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private volatile boolean started;

    IngestServer(int port) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        setReuseAddr(true);
        setDaemon(true);
    }

    /** Started, and listening when this returns. */
    static IngestServer start(int port) {
        IngestServer server = new IngestServer(port);
        server.start();
        org.awaitility.Awaitility.await().until(() -> server.started);
        return server;
    }

    static String url(int port) {
        return "ws://127.0.0.1:" + port + "/ingest";
    }

    List<String> messages() {
        return messages;
    }

    List<String> frames() {
        return frames;
    }

    List<String> authorizations() {
        return authorizations;
    }

    List<String> paths() {
        return paths;
    }

    /** The close code of each connection that has ended (1006 when it ended without a close frame). */
    List<Integer> closeCodes() {
        return closeCodes;
    }

    void shutDown() throws InterruptedException {
        stop(1000);
    }

    @Override
    public void onStart() {
        started = true;
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        authorizations.add(handshake.hasFieldValue("Authorization") ? handshake.getFieldValue("Authorization") : "");
        paths.add(handshake.getResourceDescriptor());
    }

    @Override
    public void onMessage(WebSocket connection, String frame) {
        frames.add(frame);
        messages.addAll(Arrays.asList(frame.split("\n", -1)));
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        closeCodes.add(code);
    }

    @Override
    public void onError(WebSocket connection, Exception e) {}
}
