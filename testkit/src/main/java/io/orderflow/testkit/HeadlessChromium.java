package io.orderflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * Debian's Chromium, headless, with a fresh profile, driven over the DevTools protocol: a page is
 * loaded, the test waits for what a script says about it, and takes a screenshot. (The one-shot
 * {@code --screenshot} flag shoots at the load event, before a single-page app like Flink's Web UI
 * has drawn anything.)
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket page) {
        this.process = process;
        this.page = page;
    }

    /** Starts Chromium on {@code url} with a {@code width}×{@code height} window. */
    public static HeadlessChromium open(String url, int width, int height, Path workDir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(CHROMIUM + " is not installed: run .ci/run once (it installs Debian's chromium package)");
        }
        int port = FreePorts.next();
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        // The flags keep Chromium off the network it would otherwise call (updates, sync, QUIC); without
        // scroll bars the page is laid out as wide in a full-page screenshot as in the window.
        Process process = Processes.start(workDir, Map.of(), workDir.resolve("chromium.log"), List.of(
                CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=" + port, url));
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest targets = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build();
            String[] pageSocket = new String[1];
            Awaitility.await("Chromium's DevTools endpoint").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                for (JsonNode target : JSON.readTree(http.send(targets, HttpResponse.BodyHandlers.ofString()).body())) {
                    if (target.path("type").asText().equals("page")) {
                        pageSocket[0] = target.get("webSocketDebuggerUrl").asText();
                        return true;
                    }
                }
                return false;
            });
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket[0]), listener).get(30, TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, socket);
            listener.owner = chromium;
            return chromium;
        } catch (Exception | AssertionError e) {
            Processes.stop(process);
            throw e;
        }
    }

    /** The value of a JavaScript expression in the page. */
    public JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
        return call("Runtime.evaluate", params).path("result").path("value");
    }

    /** A PNG of the window as it is drawn now. */
    public byte[] screenshot() throws Exception {
        return png(call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")));
    }

    /** A PNG of the whole page as it is drawn now, below the window's height too. */
    public byte[] fullPageScreenshot() throws Exception {
        JsonNode size = call("Page.getLayoutMetrics", JSON.createObjectNode()).get("cssContentSize");
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.putObject("clip").put("x", 0).put("y", 0).put("scale", 1)
                .put("width", size.get("width").asDouble()).put("height", size.get("height").asDouble());
        return png(call("Page.captureScreenshot", params));
    }

    private static byte[] png(JsonNode captured) {
        return Base64.getDecoder().decode(captured.get("data").asText());
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        page.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode answer = reply.get(60, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IOException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    @Override
    public void close() throws InterruptedException {
        page.abort();
        Processes.stop(process);
    }

    /** Gathers each (possibly fragmented) message and completes the call it answers. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode reply = JSON.readTree(message.toString());
                    CompletableFuture<JsonNode> call = owner == null ? null : owner.pending.remove(reply.path("id").asInt(-1));
                    if (call != null) {
                        call.complete(reply);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("DevTools sent what is not JSON", e);
                } finally {
                    message.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
