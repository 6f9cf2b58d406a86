package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.WsRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /history over Parquet written the way the job lays it out, merged with the ring. */
class HistoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private StreamServer server;
    private WsRecorder ingest;
    private int port;

    @BeforeEach
    void start() throws Exception {
        writeKlines("date=1970-01-01/symbol=BTCUSDT/kind=klines/part-a-0.parquet", "abc",
                "(60000, '1m', 1.0), (120000, '1m', 2.0), (0, '5m', 9.0)");
        writeKlines("date=1970-01-01/symbol=BTCUSDT/kind=klines/part-b-0.parquet", "def", "(180000, '1m', 3.0)");
        // An in-progress file is not committed: never read.
        Files.writeString(data.resolve("date=1970-01-01/symbol=BTCUSDT/kind=klines/.part-c-0.inprogress.1"), "junk");

        port = FreePorts.next();
        server = new StreamServer(ServerSettings.defaults().withEndpoint("127.0.0.1", port).withDataDir(data));
        server.start();
        ingest = WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ingest", true);
        ingest.send(String.join("\n",
                Rows.kline("btcusdt", 1, 120_000, true),
                Rows.kline("btcusdt", 2, 180_000, true),
                Rows.kline("btcusdt", 3, 240_000, false),
                Rows.kline("btcusdt", 4, 240_000, true),
                Rows.kline("btcusdt", 5, 300_000, false),
                Rows.trade("btcusdt", 1, 5_000),
                Rows.trade("btcusdt", 2, 6_000)));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/incremental?stream=btcusdt@trade&from=1").body().contains("\"count\":1"));
    }

    @AfterEach
    void stop() {
        ingest.close();
        server.close();
    }

    @Test
    void committedRowsThenTheRingsNewerClosedRowsEachOnce() throws Exception {
        HttpResponse<String> response = get("/history?stream=btcusdt@kline_1m&from_ms=0&to_ms=1000000");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("count").asInt()).isEqualTo(4);
        assertThat(body.get("committed").asInt()).isEqualTo(3);
        assertThat(body.get("live").asInt()).isEqualTo(1);
        assertThat(texts(body.get("fingerprints"))).containsExactly("abc", "def");
        List<Long> times = new ArrayList<>();
        body.get("data").forEach(row -> times.add(row.get("ts_ms").asLong()));
        assertThat(times).containsExactly(60_000L, 120_000L, 180_000L, 240_000L);
        assertThat(body.get("data").get(0).get("close").asDouble()).isEqualTo(1.0);
        assertThat(body.get("data").get(3)).isEqualTo(JSON.readTree(Rows.kline("btcusdt", 4, 240_000, true)).get("data"));

        JsonNode page = JSON.readTree(get("/history?stream=btcusdt@kline_1m&from_ms=100000&to_ms=1000000&limit=2").body());
        assertThat(page.get("count").asInt()).isEqualTo(2);
        assertThat(page.get("data").get(1).get("ts_ms").asLong()).isEqualTo(180_000);
    }

    @Test
    void csvHasTheCommittedColumnsAndTheLiveRowsUnderThem() throws Exception {
        HttpResponse<String> response = get("/history?stream=btcusdt@kline_1m&from_ms=100000&to_ms=1000000&format=csv");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.body()).isEqualTo("ts_ms,timeframe,close\n120000,1m,2.0\n180000,1m,3.0\n240000,1m,2.0\n");
    }

    @Test
    void aStreamWithoutParquetIsServedFromTheRing() throws Exception {
        JsonNode body = JSON.readTree(get("/history?stream=btcusdt@trade&from_ms=0&to_ms=5500").body());
        assertThat(body.get("count").asInt()).isEqualTo(1);
        assertThat(body.get("fingerprints")).isEmpty();
        assertThat(body.get("data").get(0).get("ts_ms").asLong()).isEqualTo(5_000);
    }

    @Test
    void badParametersAreNamed() throws Exception {
        assertError("/history?stream=btcusdt@kline_1m&to_ms=5", "missing parameter from_ms");
        assertError("/history?stream=btcusdt@kline_1m&from_ms=5&to_ms=5", "to_ms must be above from_ms");
        assertError("/history?stream=btcusdt@kline_1m&from_ms=0&to_ms=5&format=xml", "json or csv");
        assertError("/history?stream=btcusdt@kline_1m&from_ms=0&to_ms=5&limit=0", "limit must be between 1 and 100000");
        assertError("/history?stream=x&from_ms=0&to_ms=5", "not symbol@kind");
    }

    private void writeKlines(String file, String fingerprint, String values) throws Exception {
        Path path = data.resolve(file);
        Files.createDirectories(path.getParent());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone = 'UTC'");
            sql.execute("COPY (SELECT to_timestamp(ts // 1000) AS ts_ms, timeframe, close FROM (VALUES " + values
                    + ") t(ts, timeframe, close)) TO '" + path + "' (FORMAT parquet, KV_METADATA {'orderflow.config.fingerprint': '"
                    + fingerprint + "'})");
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertError(String pathAndQuery, String problem) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(problem);
    }
}
