package io.orderflow.testkit.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test client on the JDK's WebSocket: records every text message (fragments joined), counts
 * pings (which the JDK answers with pongs by itself), and notes how the connection ended.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final StringBuilder fragments = new StringBuilder();
    private volatile boolean reading = true;
    private WebSocket socket;

    private WsClient() {}

    static WsClient connect(String url) throws Exception {
        WsClient client = new WsClient();
        client.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), client).get(5, TimeUnit.SECONDS);
        return client;
    }

    List<String> messages() {
        return messages;
    }

    int messagesCount() {
        return messages.size();
    }

    int pings() {
        return pings.get();
    }

    /** Completes with "close CODE" or "error ..." once the connection is gone. */
    CompletableFuture<String> ended() {
        return ended;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Stops taking frames off the socket: pings go unanswered, as with a hung consumer. */
    void stopReading() {
        reading = false;
    }

    /** Messages of {@code stream} on a combined connection, as their {@code data}. */
    List<JsonNode> data(String stream) {
        return messages.stream().map(WsClient::json)
                .filter(m -> m.path("stream").asText().equals(stream))
                .map(m -> m.get("data"))
                .toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        fragments.append(data);
        if (last) {
            messages.add(fragments.toString());
            fragments.setLength(0);
        }
        requestMore(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        requestMore(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended.complete("close " + statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.complete("error " + error);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void requestMore(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }
}
