package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.WsRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server on a free port, spoken to by JDK WebSocket and HTTP clients. */
class StreamServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WsRecorder> clients = new ArrayList<>();
    private StreamServer server;
    private int port;

    @AfterEach
    void stop() {
        clients.forEach(WsRecorder::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void subscribersReceiveEachRowOnceInOrderAsTheJobEncodedIt() throws Exception {
        start(ServerSettings.defaults());
        WsRecorder early = client(true);
        await().atMost(WAIT).until(() -> early.received.size() == 1);
        JsonNode hello = JSON.readTree(early.received.get(0));
        assertThat(hello.get("hello").asText()).isEqualTo("orderflow");
        assertThat(hello.get("version").asText()).isEqualTo(ServerContext.VERSION).isNotEqualTo("unknown");
        assertThat(hello.get("time_ms").asLong()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));

        early.send("{\"op\":\"subscribe\",\"streams\":[\"btcusdt@trade\"],\"id\":1}");
        await().atMost(WAIT).until(() -> early.received.size() == 2);
        assertThat(early.received.get(1)).isEqualTo("{\"id\":1,\"result\":\"ok\",\"streams\":[\"btcusdt@trade\"]}");

        List<String> rows = LongStream.rangeClosed(1, 50).mapToObj(seq -> Rows.trade("btcusdt", seq, 1_000 * seq)).toList();
        WsRecorder ingest = ingest();
        ingest.send(String.join("\n", rows.subList(0, 20)));
        // Rows again (as after a job restore), a bad line and another stream: none reaches the subscriber twice.
        ingest.send(String.join("\n", rows.subList(10, 30)) + "\nnot json\n" + Rows.trade("ethusdt", 1, 1));
        ingest.send(String.join("\n", rows.subList(30, 50)));

        await().atMost(WAIT).until(() -> early.received.size() == 52);
        assertThat(early.received.subList(2, 52)).containsExactlyElementsOf(rows);

        WsRecorder late = client(true);
        late.send("{\"op\":\"subscribe\",\"streams\":[\"btcusdt@trade\",\"ethusdt@trade\"],\"id\":\"b\"}");
        await().atMost(WAIT).until(() -> late.received.size() == 4);
        assertThat(late.received.subList(1, 4)).containsExactly(
                "{\"id\":\"b\",\"result\":\"ok\",\"streams\":[\"btcusdt@trade\",\"ethusdt@trade\"]}",
                rows.get(49), Rows.trade("ethusdt", 1, 1));

        late.send("{\"op\":\"unsubscribe\",\"streams\":[\"btcusdt@trade\"],\"id\":2}");
        await().atMost(WAIT).until(() -> late.received.size() == 5);
        ingest.send(Rows.trade("btcusdt", 51, 51_000) + "\n" + Rows.trade("ethusdt", 2, 2));
        await().atMost(WAIT).until(() -> late.received.size() == 6 && early.received.size() == 53);
        assertThat(late.received.get(5)).isEqualTo(Rows.trade("ethusdt", 2, 2));
        assertThat(early.received.get(52)).isEqualTo(Rows.trade("btcusdt", 51, 51_000));

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("orderflow_server_rows_in_total 53\n")
                .contains("orderflow_server_rows_dropped_total{reason=\"stale_seq\"} 10\n")
                .contains("orderflow_server_rows_dropped_total{reason=\"bad_message\"} 1\n")
                .contains("orderflow_server_clients 2\n")
                .contains("orderflow_server_send_latency_seconds{quantile=\"0.99\"}");
    }

    @Test
    void incrementalPagesTheRingAndSaysWhenRowsHaveLeftIt() throws Exception {
        start(ServerSettings.defaults().withRingSize(20));
        WsRecorder ingest = ingest();
        ingest.send(LongStream.rangeClosed(1, 50).mapToObj(seq -> Rows.trade("btcusdt", seq, 1_000 * seq))
                .collect(Collectors.joining("\n")));
        await().atMost(WAIT).until(() -> get("/incremental?stream=btcusdt@trade&from=49").statusCode() == 200
                && JSON.readTree(get("/incremental?stream=btcusdt@trade&from=49").body()).get("count").asInt() == 1);

        HttpResponse<String> page = get("/incremental?stream=btcusdt@trade&from=35&limit=5");
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(page.body());
        assertThat(body.get("stream").asText()).isEqualTo("btcusdt@trade");
        assertThat(body.get("from").asLong()).isEqualTo(35);
        assertThat(body.get("count").asInt()).isEqualTo(5);
        assertThat(body.get("latest").asLong()).isEqualTo(50);
        assertThat(body.get("next").asLong()).isEqualTo(40);
        assertThat(body.get("data").get(0)).isEqualTo(JSON.readTree(Rows.trade("btcusdt", 36, 36_000)));
        assertThat(page.body()).contains(Rows.trade("btcusdt", 40, 40_000)); // the bytes as ingested

        JsonNode rest = JSON.readTree(get("/incremental?stream=btcusdt@trade&from=40").body());
        assertThat(rest.get("count").asInt()).isEqualTo(10);
        assertThat(rest.get("next").asLong()).isEqualTo(50);

        HttpResponse<String> gone = get("/incremental?stream=btcusdt@trade&from=10");
        assertThat(gone.statusCode()).isEqualTo(410);
        JsonNode goneBody = JSON.readTree(gone.body());
        assertThat(goneBody.get("oldest_seq").asLong()).isEqualTo(31);
        assertThat(goneBody.get("oldest_ts_ms").asLong()).isEqualTo(31_000);
        assertThat(goneBody.get("error").asText()).contains("/history");

        assertError("/incremental?from=1", 400, "missing parameter stream");
        assertError("/incremental?stream=btcusdt@trade", 400, "missing parameter from");
        assertError("/incremental?stream=btcusdt@trade&from=x", 400, "parameter from is not a whole number");
        assertError("/incremental?stream=btcusdt@trade&from=1&limit=1001", 400, "limit must be between 1 and 1000");
        assertError("/incremental?stream=btcusdt@depth&from=1", 400, "unknown stream kind");
        assertError("/incremental?stream=ethusdt@trade&from=1", 404, "no rows of stream ethusdt@trade");
        assertError("/nothing", 404, "no endpoint /nothing");

        JsonNode streams = JSON.readTree(get("/streams").body()).get("streams");
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).get("stream").asText()).isEqualTo("btcusdt@trade");
        assertThat(streams.get(0).get("latest_seq").asLong()).isEqualTo(50);
        assertThat(streams.get(0).get("latest_ts_ms").asLong()).isEqualTo(50_000);

        JsonNode health = JSON.readTree(get("/health").body());
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("ingest_connected").asBoolean()).isTrue();
        assertThat(health.get("last_row_ts_ms").get("btcusdt").asLong()).isEqualTo(50_000);
        assertThat(health.get("memory").get("heap_used_bytes").asLong()).isPositive();
    }

    @Test
    void ingestNeedsTheTokenWhenLoopbackIsNotTrusted() throws Exception {
        start(ServerSettings.defaults().withIngestToken("s3cret", false));
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ingest");
        assertThatThrownBy(() -> http.newWebSocketBuilder().buildAsync(uri, new WsRecorder.Ignoring()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        assertThatThrownBy(() -> http.newWebSocketBuilder().header("Authorization", "Bearer wrong")
                        .buildAsync(uri, new WsRecorder.Ignoring()).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(WebSocketHandshakeException.class);

        var socket = http.newWebSocketBuilder().header("Authorization", "Bearer s3cret")
                .buildAsync(uri, new WsRecorder.Ignoring()).get(10, TimeUnit.SECONDS);
        socket.sendText(Rows.trade("btcusdt", 1, 1_000), true).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> get("/incremental?stream=btcusdt@trade&from=0").statusCode() == 200);
        socket.abort();
    }

    @Test
    void aClientThatReadsNothingIsClosedWhileAReadingOneGetsEverything() throws Exception {
        start(ServerSettings.defaults().withLimits(20, 1_000, 200, 256));
        WsRecorder stalled = client(false);
        stalled.send("{\"op\":\"subscribe\",\"streams\":[\"btcusdt@trade\"],\"id\":1}");
        WsRecorder reader = client(true);
        reader.send("{\"op\":\"subscribe\",\"streams\":[\"btcusdt@trade\"],\"id\":1}");
        await().atMost(WAIT).until(() -> reader.received.size() == 2);

        String padding = "x".repeat(1_000);
        WsRecorder ingest = ingest();
        List<String> rows = new ArrayList<>();
        int batch = 200;
        // Until the stalled client's socket buffers and queue overflow, then one batch more.
        boolean closed = false;
        for (long seq = 1; !closed && seq <= 100_000; ) {
            closed = new ServerHttp(http, port).metric("orderflow_server_slow_client_closes_total") == 1;
            for (int i = 0; i < batch; i++, seq++) {
                rows.add("{\"stream\":\"btcusdt@trade\",\"seq\":" + seq + ",\"data\":{\"ts_ms\":" + seq + ",\"pad\":\"" + padding + "\"}}");
            }
            ingest.send(String.join("\n", rows.subList(rows.size() - batch, rows.size())));
            int expected = rows.size() + 2;
            // Paced by the reader, so only the stalled client falls behind.
            await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                    .until(() -> reader.received.size() == expected);
        }
        assertThat(closed).as("the stalled client was closed").isTrue();
        assertThat(reader.received.subList(2, reader.received.size())).containsExactlyElementsOf(rows);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/metrics").body())
                .contains("orderflow_server_clients 1\n"));
        assertThat(reader.closeCode).isNotDone();
    }

    @Test
    void badRequestsAreAnsweredWithErrorsAndTheConnectionKept() throws Exception {
        start(ServerSettings.defaults().withLimits(20, 1_000, 3, 4_096));
        WsRecorder client = client(true);
        String[] bad = {
            "not json",
            "[1]",
            "{\"op\":\"fly\",\"id\":1}",
            "{\"id\":2}",
            "{\"op\":\"subscribe\",\"id\":3}",
            "{\"op\":\"subscribe\",\"streams\":[\"btcusdt@depth\"],\"id\":4}",
            "{\"op\":\"subscribe\",\"streams\":[5],\"id\":5}",
            "{\"op\":\"subscribe\",\"streams\":[\"a@trade\",\"b@trade\",\"c@trade\",\"d@trade\"],\"id\":6}",
        };
        String[] problems = {
            "malformed JSON", "must be a JSON object", "unknown op 'fly'", "missing \"op\"",
            "\"streams\" must be a non-empty array", "unknown stream kind", "stream names must be strings",
            "at most 3 subscriptions per connection",
        };
        for (String request : bad) {
            client.send(request);
        }
        await().atMost(WAIT).until(() -> client.received.size() == 1 + bad.length);
        for (int i = 0; i < bad.length; i++) {
            JsonNode error = JSON.readTree(client.received.get(1 + i));
            assertThat(error.get("error").asText()).as(bad[i]).contains(problems[i]);
        }
        assertThat(JSON.readTree(client.received.get(3)).get("id").asInt()).isEqualTo(1);

        client.send("{\"op\":\"subscribe\",\"streams\":[\"btcusdt@ofi\"],\"id\":9}");
        await().atMost(WAIT).until(() -> client.received.size() == 2 + bad.length);
        assertThat(JSON.readTree(client.received.get(1 + bad.length)).get("result").asText()).isEqualTo("ok");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(client.closeCode).isNotDone();
    }

    @Test
    void aFrameAboveTheLimitClosesOnlyItsConnection() throws Exception {
        start(ServerSettings.defaults());
        WsRecorder big = client(true);
        WsRecorder other = client(true);
        big.send("{\"op\":\"subscribe\",\"streams\":[\"" + "a".repeat(70_000) + "@trade\"]}");
        assertThat(big.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        other.send("{\"op\":\"subscribe\",\"streams\":[\"btcusdt@cvd\"],\"id\":1}");
        await().atMost(WAIT).until(() -> other.received.size() == 2);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void perIpLimitsAnswer429() throws Exception {
        start(ServerSettings.defaults().withLimits(2, 5, 200, 4_096));
        client(true);
        client(true);
        assertThatThrownBy(() -> client(true))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(429));

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(get("/health"));
        }
        HttpResponse<String> limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(limited.body()).contains("requests per second");
    }

    @Test
    void aClientSilentBeyondTheLimitIsDropped() throws Exception {
        start(ServerSettings.defaults().withLiveness(Duration.ofMillis(200), Duration.ofMillis(600)));
        WsRecorder silent = client(false);
        WsRecorder answering = client(true);
        assertThat(silent.closeCode).isNotDone();
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/metrics").body())
                .contains("orderflow_server_silent_client_closes_total 1\n")
                .contains("orderflow_server_clients 1\n"));
        assertThat(answering.closeCode).isNotDone();
    }

    @Test
    void aRestartedServerKeepsEachStreamsLastSeqSoRowsSentAgainReachNoClient(@TempDir Path state) throws Exception {
        ServerSettings settings = ServerSettings.defaults().withStateDir(state);
        start(settings);
        WsRecorder ingest = ingest();
        ingest.send(LongStream.rangeClosed(1, 10).mapToObj(seq -> Rows.trade("btcusdt", seq, 1_000 * seq))
                .collect(Collectors.joining("\n")));
        await().atMost(WAIT).until(() -> JSON.readTree(get("/streams").body()).at("/streams/0/latest_seq").asLong() == 10);
        server.close();
        assertThat(JSON.readTree(state.resolve(LastSeqStore.FILE).toFile()).get("btcusdt@trade").asLong()).isEqualTo(10);

        server = new StreamServer(settings.withEndpoint("127.0.0.1", port));
        server.start();
        WsRecorder subscriber = client(true);
        subscriber.send("{\"op\":\"subscribe\",\"streams\":[\"btcusdt@trade\"],\"id\":1}");
        await().atMost(WAIT).until(() -> subscriber.received.size() == 2);
        // A job restored from a checkpoint sends 6..12 again while the server restarted: only 11 and 12 are new.
        WsRecorder again = ingest();
        again.send(LongStream.rangeClosed(6, 12).mapToObj(seq -> Rows.trade("btcusdt", seq, 1_000 * seq))
                .collect(Collectors.joining("\n")));
        await().atMost(WAIT).until(() -> subscriber.received.size() == 4);
        assertThat(subscriber.received.subList(2, 4)).containsExactly(Rows.trade("btcusdt", 11, 11_000),
                Rows.trade("btcusdt", 12, 12_000));
        assertThat(get("/metrics").body()).contains("orderflow_server_rows_dropped_total{reason=\"stale_seq\"} 5\n");
    }

    private void start(ServerSettings settings) throws Exception {
        port = FreePorts.next();
        server = new StreamServer(settings.withEndpoint("127.0.0.1", port));
        server.start();
    }

    private WsRecorder client(boolean reading) throws Exception {
        WsRecorder client = WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ws/stream", reading);
        clients.add(client);
        return client;
    }

    private WsRecorder ingest() throws Exception {
        WsRecorder client = WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ingest", true);
        clients.add(client);
        return client;
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return new ServerHttp(http, port).get(pathAndQuery);
    }

    private void assertError(String pathAndQuery, int status, String problem) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(problem);
    }
}
