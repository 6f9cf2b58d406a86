package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.WsRecorder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thousands of mangled requests, frames and ingest lines (seeded): each answered, the server healthy. */
class FuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEEDS = List.of(
            "{\"op\":\"subscribe\",\"streams\":[\"btcusdt@trade\"],\"id\":1}",
            "{\"op\":\"unsubscribe\",\"streams\":[\"ethusdt@kline_1m\",\"btcusdt@ofi\"],\"id\":\"x\"}",
            "{\"op\":\"subscribe\",\"streams\":[],\"id\":null}",
            Rows.trade("btcusdt", 1, 1_000),
            Rows.kline("btcusdt", 2, 60_000, false));

    // No lone surrogates: the JDK client refuses to send text that is not valid UTF-16.
    private static final String STRAY = "{}[]\":,\\0-9eE\u0000\u00e9\u20ac";

    @TempDir
    Path data;

    private final Random random = new Random(13);
    private final HttpClient http = HttpClient.newHttpClient();
    private StreamServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = FreePorts.next();
        server = new StreamServer(ServerSettings.defaults().withEndpoint("127.0.0.1", port).withDataDir(data)
                .withLimits(20, 100_000, 200, 4_096));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyMangledFrameGetsOneAnswerAndTheConnectionStays() throws Exception {
        WsRecorder client = WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ws/stream", true);
        int frames = 2_000;
        for (int i = 0; i < frames; i++) {
            client.send(mangle(SEEDS.get(random.nextInt(SEEDS.size()))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> client.received.size() == 1 + frames);
        for (String answer : client.received.subList(1, client.received.size())) {
            JsonNode node = JSON.readTree(answer);
            assertThat(node.has("error") || "ok".equals(node.path("result").asText())).as(answer).isTrue();
        }
        assertThat(client.closeCode).isNotDone();
        client.close();
    }

    @Test
    void mangledIngestLinesAreSkippedAndValidOnesStillFlow() throws Exception {
        WsRecorder ingest = WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ingest", true);
        for (int i = 0; i < 200; i++) {
            StringBuilder frame = new StringBuilder();
            for (int line = 0; line < 10; line++) {
                frame.append(mangle(SEEDS.get(3 + random.nextInt(2)))).append('\n');
            }
            ingest.send(frame.toString());
        }
        WsRecorder client = WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ws/stream", true);
        client.send("{\"op\":\"subscribe\",\"streams\":[\"zzzusdt@trade\"],\"id\":1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received.size() == 2);
        ingest.send(Rows.trade("zzzusdt", 1, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received.size() == 3);
        assertThat(client.received.get(2)).isEqualTo(Rows.trade("zzzusdt", 1, 1));
        assertThat(get("/health").statusCode()).isEqualTo(200);
        ingest.close();
        client.close();
    }

    @Test
    void mangledHttpRequestsGetDocumentedStatuses() throws Exception {
        List<String> paths = List.of("/incremental", "/history", "/streams", "/health", "/nothing");
        List<String> names = List.of("stream", "from", "limit", "from_ms", "to_ms", "format");
        Set<Integer> documented = Set.of(200, 400, 404, 410);
        for (int i = 0; i < 1_500; i++) {
            StringBuilder query = new StringBuilder(paths.get(random.nextInt(paths.size()))).append('?');
            for (int p = random.nextInt(5); p > 0; p--) {
                String value = mangle(List.of("btcusdt@trade", "0", "1000", "-1", "99999999999999999999", "csv")
                        .get(random.nextInt(6)));
                query.append(names.get(random.nextInt(names.size()))).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
            HttpResponse<String> response = get(query.toString());
            assertThat(response.statusCode()).as(query.toString()).isIn(documented);
            if (response.statusCode() >= 400) {
                assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
            }
        }
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    /** The text with a few random cuts, duplications, swaps and stray characters. */
    private String mangle(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0 && out.length() > 0; edits--) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.setLength(at);
                case 1 -> out.deleteCharAt(at);
                case 2 -> out.insert(at, STRAY.charAt(random.nextInt(STRAY.length())));
                case 3 -> out.insert(at, out.substring(at, Math.min(out.length(), at + random.nextInt(20))));
                default -> out.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return out.length() == 0 ? " " : out.toString();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
