package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.HeadlessChromium;
import io.orderflow.testkit.WsRecorder;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in headless Chromium against the server alone, with rows of known values: it draws
 * what the server holds, then what comes live, and after the server restarts it reconnects by itself
 * and draws the rows sent while it was away and after, each once. (On a running demo: LocalDemoIT.)
 */
class LivePageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;
    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WsRecorder> sockets = new ArrayList<>();
    private StreamServer server;
    private int port;
    private final long t0 = System.currentTimeMillis() - 120_000; // within the hour the page loads

    @AfterEach
    void stop() {
        sockets.forEach(WsRecorder::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void drawsHistoryThenLiveRowsAndAfterAServerRestartCatchesUpOnItsOwn() throws Exception {
        port = FreePorts.next();
        start();
        ingest(1, 5);
        try (HeadlessChromium chromium = HeadlessChromium.open("http://127.0.0.1:" + port + "/?symbol=BTCUSDT", 1200, 800, work)) {
            awaitTrades(chromium, 5);
            ingest(6, 8); // live
            awaitTrades(chromium, 8);

            server.close();
            await().atMost(WAIT).until(() -> !state(chromium).get("connected").asBoolean());
            start();
            ingest(9, 10); // while the page is away: read from /history on reconnecting
            await().atMost(WAIT).until(() -> state(chromium).get("connected").asBoolean());
            ingest(11, 12); // live again
            awaitTrades(chromium, 12);

            JsonNode state = state(chromium);
            assertThat(state.get("connects").asInt()).isEqualTo(2);
            assertThat(state.get("problems")).isEmpty();
            List<List<Double>> expected = LongStream.rangeClosed(1, 12).mapToObj(i -> List.of((double) ts(i), price(i))).toList();
            assertThat(points(state.get("trades"))).isEqualTo(expected);
            assertThat(points(state.get("ofi"))).isEqualTo(
                    LongStream.rangeClosed(1, 12).mapToObj(i -> List.of((double) ts(i), i / 10.0)).toList());
            JsonNode drawn = drawn(chromium);
            assertThat(drawn.get("candles").asInt()).isEqualTo(1); // every row is in the same minute
            assertThat(drawn.get("cvd").asInt()).isEqualTo(12);
            assertThat(drawn.get("fusion").asInt()).isEqualTo(12);
            // the bar as its last update left it: open of the first trade, close of the last
            assertThat(drawn.get("lastCandle").get(2).asDouble()).isEqualTo(price(12));
        }
    }

    private static void awaitTrades(HeadlessChromium chromium, int count) throws Exception {
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> drawn(chromium).get("trades").asInt() == count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the page did not draw " + count + " trades: " + drawn(chromium) + " " + state(chromium), e);
        }
    }

    private void start() throws Exception {
        server = new StreamServer(ServerSettings.defaults().withEndpoint("127.0.0.1", port).withDataDir(data));
        server.start();
    }

    /** Rows {@code from} to {@code to} of each stream the page draws, row i at ts(i) with values from i. */
    private void ingest(long from, long to) throws Exception {
        WsRecorder ingest = WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ingest", true);
        sockets.add(ingest);
        List<String> rows = new ArrayList<>();
        long minute = ts(1) - ts(1) % 60_000;
        for (long i = from; i <= to; i++) {
            rows.add(message("trade", i, "\"price\":" + price(i) + ",\"qty\":0.01"));
            rows.add(message("ofi", i, "\"ofi_z\":" + i / 10.0));
            rows.add(message("cvd", i, "\"z_cvd\":" + -i / 10.0));
            rows.add(message("fusion", i, "\"score\":" + i / 100.0));
            rows.add("{\"stream\":\"btcusdt@kline_1m\",\"seq\":" + i + ",\"data\":{\"ts_ms\":" + minute
                    + ",\"symbol\":\"BTCUSDT\",\"timeframe\":\"1m\",\"open\":" + price(1) + ",\"high\":" + price(12)
                    + ",\"low\":" + price(1) + ",\"close\":" + price(i) + ",\"closed\":false}}");
        }
        ingest.send(String.join("\n", rows));
    }

    private String message(String kind, long i, String fields) {
        return "{\"stream\":\"btcusdt@" + kind + "\",\"seq\":" + i + ",\"data\":{\"ts_ms\":" + ts(i)
                + ",\"symbol\":\"BTCUSDT\"," + fields + "}}";
    }

    /** Within one minute, whatever the clock: the rows' minute is the one t0 falls in, from its start. */
    private long ts(long i) {
        return t0 - t0 % 60_000 + i * 1_000;
    }

    private static double price(long i) {
        return 60_000 + i / 2.0;
    }

    private static JsonNode drawn(HeadlessChromium chromium) throws Exception {
        return JSON.readTree(chromium.evaluate("JSON.stringify(orderflowPage.drawn)").asText());
    }

    /** The page's connection and the points its chart holds (from ECharts itself). */
    private static JsonNode state(HeadlessChromium chromium) throws Exception {
        return JSON.readTree(chromium.evaluate("JSON.stringify({connected: orderflowPage.connected,"
                + " connects: orderflowPage.connects, problems: orderflowPage.problems,"
                + " trades: orderflowPage.chart.getOption().series[1].data,"
                + " ofi: orderflowPage.chart.getOption().series[3].data})").asText());
    }

    private static List<List<Double>> points(JsonNode series) {
        List<List<Double>> points = new ArrayList<>();
        series.forEach(point -> points.add(List.of(point.get(0).asDouble(), point.get(1).asDouble())));
        return points;
    }
}
