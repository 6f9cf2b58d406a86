package io.orderflow.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A JDK WebSocket client for tests that keeps every text message it receives, whole (or hands each to
 * a consumer), or, when {@code reading} is false, reads nothing at all after the handshake (a stalled
 * consumer) until {@link #startReading}.
 */
public final class WsRecorder implements WebSocket.Listener {

    public final List<String> received = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final boolean reading;
    private final Consumer<String> onMessage;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WsRecorder(boolean reading, Consumer<String> onMessage) {
        this.reading = reading;
        this.onMessage = onMessage == null ? received::add : onMessage;
    }

    public static WsRecorder connect(HttpClient http, String url, boolean reading) throws Exception {
        return connectAsync(http, url, reading, null).get(10, TimeUnit.SECONDS);
    }

    /** A client that hands every message to {@code onMessage} instead of keeping it (null: keeps it). */
    public static CompletableFuture<WsRecorder> connectAsync(HttpClient http, String url, boolean reading,
            Consumer<String> onMessage) {
        WsRecorder recorder = new WsRecorder(reading, onMessage);
        return http.newWebSocketBuilder()
                .buildAsync(URI.create(url), recorder)
                .thenApply(socket -> {
                    recorder.socket = socket;
                    return recorder;
                });
    }

    /** A stalled client reads from now on. */
    public void startReading() {
        socket.request(1);
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Cuts the connection without a close handshake. */
    public void close() {
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            onMessage.accept(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    /** A listener for sockets whose messages do not matter. */
    public static final class Ignoring implements WebSocket.Listener {}
}
