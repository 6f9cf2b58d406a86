package io.orderflow.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket client for tests that keeps every text message it receives, whole, or, when
 * {@code reading} is false, reads nothing at all after the handshake (a stalled consumer).
 */
public final class WsRecorder implements WebSocket.Listener {

    public final List<String> received = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WsRecorder(boolean reading) {
        this.reading = reading;
    }

    public static WsRecorder connect(HttpClient http, String url, boolean reading) throws Exception {
        WsRecorder recorder = new WsRecorder(reading);
        recorder.socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(url), recorder)
                .get(10, TimeUnit.SECONDS);
        return recorder;
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Cuts the connection without a close handshake. */
    public void abort() {
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
            received.add(partial.toString());
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
}
