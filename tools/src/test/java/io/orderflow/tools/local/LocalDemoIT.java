package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.PriceRow;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.HeadlessChromium;
import io.orderflow.testkit.Harvest;
import io.orderflow.testkit.TradeIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as README command 1 runs it, in its own JVM through jobs/demo.sh. The Web UI answers, the
 * in-process stream server streams the job's rows as they are computed, Parquet is committed, and
 * SIGTERM stops the job with a savepoint and exits 0 with every file committed, and then the server.
 * The strategy SDK and the example strategy run against that server ({@link StrategyOnTheDemo}).
 */
class LocalDemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PAGE_SCREENSHOT = Path.of("").toAbsolutePath().resolve("target/webui/live-page.png");
    /** What the live page counts as drawn, per series (events are too rare in the demo to wait for). */
    private static final List<String> LINES = List.of("trades", "ofi", "cvd", "fusion");
    private static final List<String> PANES = List.of("candles", "trades", "ofi", "cvd", "fusion");
    /**
     * The console's summary line once a minute of rows has closed (every 5 s in this test); a latency
     * may be {@code >=4096} on a busy machine, which is a figure, not a failure.
     */
    private static final Pattern SUMMARY = Pattern.compile("\\d\\d:\\d\\d:\\d\\d latency receive-to-row:"
            + " ofi p50 (?:>=)?(\\d+) ms p95 (?:>=)?(\\d+) ms, prices p50 (?:>=)?(\\d+) ms p95 (?:>=)?(\\d+) ms"
            + " \\| hand-off queue: usdm-market-0 (\\d+)/10000, usdm-public-0 (\\d+)/10000\n");

    @TempDir
    Path tmp;

    private Process demo;

    @AfterEach
    void killLeftovers() {
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly();
        }
    }

    @Test
    void servesTheWebUiAndLiveRowsWritesParquetAndStopsGracefullyOnSigterm() throws Exception {
        int port = FreePorts.next();
        int serverPort = FreePorts.next();
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("demo.log");
        int historyFiles = StrategyOnTheDemo.writeHistory(data);
        demo = start(List.of("--parquet-rotate-sec", "2", "--market-rate", "200", "--console-summary-sec", "5",
                "--output-dir", data.toString(), "--state-dir", tmp.resolve("state").toString(),
                "--web-ui-port", Integer.toString(port), "--server-port", Integer.toString(serverPort)), log);

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest overview = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/overview")).build();
        Awaitility.await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() ->
                http.send(overview, HttpResponse.BodyHandlers.ofString()).body().contains("\"state\":\"RUNNING\""));
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/health")).build();
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() ->
                JSON.readTree(http.send(health, HttpResponse.BodyHandlers.ofString()).body()).get("ingest_connected").asBoolean());
        StrategyOnTheDemo strategy = StrategyOnTheDemo.start(serverPort);
        List<JsonNode> trades = new CopyOnWriteArrayList<>();
        WebSocket client = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + serverPort + "/ws/stream"), rowsOf("btcusdt@trade", trades))
                .get(10, TimeUnit.SECONDS);
        client.sendText("{\"op\":\"subscribe\",\"streams\":[\"btcusdt@trade\"],\"id\":1}", true).get(10, TimeUnit.SECONDS);
        try (Harvest harvest = new Harvest(data)) {
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> harvest.committedFiles() >= historyFiles + 3 && trades.size() >= 50);
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> Files.readString(log).contains(" OFI "));
            client.abort();
            List<JsonNode> tradesDrawn = livePageDrawsEveryPaneAndGrows(serverPort);
            strategy.awaitALiveDecisionThenAsk();
            strategy.close();
            // The strategy waited for a 1m bar to close, so a minute of rows has closed too.
            consoleSummarisesTheLastMinute(log);

            demo.destroy(); // SIGTERM
            assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("demo exited").isTrue();
            String output = Files.readString(log);
            assertThat(demo.exitValue()).as(output).isZero();
            assertThat(output).contains("Live     http://127.0.0.1:" + serverPort, "Page     http://127.0.0.1:" + serverPort + "/ ",
                    "stopping with a savepoint", "Savepoint: ", "every Parquet file is committed");
            assertThat(harvest.inProgressFiles()).isZero();
            List<PriceRow> prices = harvest.prices();
            assertThat(prices).isNotEmpty();
            assertThat(harvest.ofi()).isNotEmpty();
            assertThat(harvest.cvd()).isNotEmpty();

            // The live rows are the job's own: each trade streamed is a row Parquet committed.
            assertThat(trades).extracting(row -> row.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
            List<PriceRow> live = trades.stream().map(row -> priceRow(row.get("data"))).toList();
            assertThat(live).extracting(PriceRow::symbol).containsOnly("BTCUSDT");
            Set<PriceRow> committed = new HashSet<>(prices);
            assertThat(live).filteredOn(row -> !committed.contains(row)).as("streamed but not committed").isEmpty();
            strategy.assertAgainst(harvest.klines());
            Set<List<Double>> committedPoints = new HashSet<>();
            prices.stream().filter(row -> row.symbol().equals("BTCUSDT"))
                    .forEach(row -> committedPoints.add(List.of((double) row.tsMs(), row.price())));
            assertThat(tradesDrawn).extracting(point -> List.of(point.get(0).asDouble(), point.get(1).asDouble()))
                    .as("trade prices the page drew").isNotEmpty().isSubsetOf(committedPoints);
        }
        assertThatThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.ofString()))
                .as("the server stopped with the demo").isInstanceOf(ConnectException.class);
    }

    /**
     * The live page in headless Chromium, on the demo's server: the candles and every pane drawn, then
     * more of each while the job runs, read from the page's record of what it drew and from the chart
     * itself. Returns the last trade points drawn. The screenshot is kept as a test artefact.
     */
    private List<JsonNode> livePageDrawsEveryPaneAndGrows(int serverPort) throws Exception {
        String url = "http://127.0.0.1:" + serverPort + "/?symbol=BTCUSDT";
        try (HeadlessChromium chromium = HeadlessChromium.open(url, 1600, 1000, tmp)) {
            try {
                JsonNode first = awaitDrawn(chromium, drawn -> PANES.stream().allMatch(pane -> drawn.get(pane).asInt() > 0));
                // Lines gain points; the candles gain one or the forming one changes.
                awaitDrawn(chromium, drawn -> LINES.stream().allMatch(line -> drawn.get(line).asInt() > first.get(line).asInt())
                        && !drawn.get("lastCandle").equals(first.get("lastCandle")));
                JsonNode page = JSON.readTree(chromium.evaluate("JSON.stringify({symbol: orderflowPage.symbol,"
                        + " connected: orderflowPage.connected, problems: orderflowPage.problems,"
                        + " series: orderflowPage.chart.getOption().series.map(s => s.name),"
                        + " trades: orderflowPage.chart.getOption().series[1].data.slice(-20)})").asText());
                assertThat(page.get("symbol").asText()).isEqualTo("BTCUSDT");
                assertThat(page.get("connected").asBoolean()).isTrue();
                assertThat(page.get("problems")).as("problems the page met").isEmpty();
                assertThat(JSON.convertValue(page.get("series"), List.class))
                        .containsExactly("1m", "trade price", "events", "OFI z", "CVD z", "fusion score");
                List<JsonNode> trades = new ArrayList<>();
                page.get("trades").forEach(trades::add);
                return trades;
            } finally {
                Files.createDirectories(PAGE_SCREENSHOT.getParent());
                Files.write(PAGE_SCREENSHOT, chromium.screenshot());
            }
        }
    }

    /**
     * A summary line with figures: each kind's p50 at most its p95, and each of the two connections
     * (trades on the market route, books on the public one) with a queue within the capacity.
     */
    private static void consoleSummarisesTheLastMinute(Path log) {
        AtomicReference<Matcher> summary = new AtomicReference<>();
        Awaitility.await("a summary line with figures in " + log).atMost(Duration.ofMinutes(1)).until(() -> {
            summary.set(SUMMARY.matcher(Files.readString(log)));
            return summary.get().find();
        });
        Matcher line = summary.get();
        assertThat(Long.parseLong(line.group(1))).as(line.group()).isLessThanOrEqualTo(Long.parseLong(line.group(2)));
        assertThat(Long.parseLong(line.group(3))).as(line.group()).isLessThanOrEqualTo(Long.parseLong(line.group(4)));
        assertThat(List.of(Integer.parseInt(line.group(5)), Integer.parseInt(line.group(6)))).as(line.group())
                .allSatisfy(depth -> assertThat(depth).isBetween(0, 10_000));
    }

    private static JsonNode awaitDrawn(HeadlessChromium chromium, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> drawn = new AtomicReference<>();
        Awaitility.await("the live page drawn (" + PAGE_SCREENSHOT + ")").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                    drawn.set(JSON.readTree(chromium.evaluate("JSON.stringify(orderflowPage.drawn)").asText()));
                    return condition.test(drawn.get());
                });
        return drawn.get();
    }

    @Test
    void refusesABadConfigurationAtStartSayingWhatToFix() throws Exception {
        Path log = tmp.resolve("bad.log");
        demo = start(List.of("--parquet-rotate-sec", "0"), log);
        assertThat(demo.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(demo.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log))
                .contains("PARQUET_ROTATE_SEC=0 is out of range", "[1, 3600]", "--parquet-rotate-sec");
    }

    @Test
    void refusesABadHeapSizeAtStartSayingWhatToFix() throws Exception {
        Path log = tmp.resolve("heap.log");
        demo = start(List.of(), Map.of("JAVA_HEAP", "64m"), log);
        assertThat(demo.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(demo.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("JAVA_HEAP=64m: give the local run's heap in MB or GB, at least 128m");
    }

    @Test
    void resumesFromTheLatestSavepointWithoutDuplicateOrMissingTrades() throws Exception {
        Path data = tmp.resolve("data");
        List<String> settings = List.of("--source", "embedded", "--market-rate", "200", "--parquet-rotate-sec", "2",
                "--parquet-publish-sec", "2", "--output-dir", data.toString(), "--state-dir", tmp.resolve("state").toString(),
                "--web-ui-port", Integer.toString(FreePorts.next()), "--server-port", "0");
        try (Harvest harvest = new Harvest(data)) {
            String first = runUntilThenStop(settings, tmp.resolve("first.log"), () -> harvest.prices().size() > 200);
            assertThat(first).contains("--resume-from latest");
            int before = harvest.prices().size();

            List<String> resume = new ArrayList<>(settings);
            resume.addAll(List.of("--resume-from", "latest"));
            String second = runUntilThenStop(resume, tmp.resolve("second.log"), () -> harvest.prices().size() > before + 200);
            assertThat(second).contains("Resuming from the newest savepoint: " + tmp.resolve("state/savepoints").toUri());

            assertThat(harvest.inProgressFiles()).isZero();
            TradeIds.assertContiguousWithoutDuplicates(harvest.prices(), List.of("BTCUSDT", "ETHUSDT"));
        }
    }

    @Test
    void refusesToResumeFromTheLatestSavepointWhenThereIsNone() throws Exception {
        Path log = tmp.resolve("none.log");
        demo = start(List.of("--source", "embedded", "--state-dir", tmp.resolve("empty").toString(),
                "--web-ui-port", Integer.toString(FreePorts.next()), "--server-port", "0", "--resume-from", "latest"), log);
        assertThat(demo.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(demo.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("RESUME_FROM=latest but there is no savepoint under");
    }

    /** Runs the demo until {@code done}, stops it with SIGTERM and returns its output once it exited 0. */
    private String runUntilThenStop(List<String> args, Path log, Callable<Boolean> done) throws Exception {
        demo = start(args, log);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(done);
        demo.destroy(); // SIGTERM
        assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("demo exited").isTrue();
        String output = Files.readString(log);
        assertThat(demo.exitValue()).as(output).isZero();
        return output;
    }

    /** The {@code data} of the rows of {@code stream} received, in order of arrival. */
    private static WebSocket.Listener rowsOf(String stream, List<JsonNode> rows) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
                partial.append(text);
                if (last) {
                    JsonNode message;
                    try {
                        message = JSON.readTree(partial.toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    partial.setLength(0);
                    if (stream.equals(message.path("stream").asText())) {
                        rows.add(message);
                    }
                }
                socket.request(1);
                return null;
            }
        };
    }

    /** A {@code prices} row as the job sends it live (docs/live-protocol.md): its Parquet columns, in their order. */
    private static PriceRow priceRow(JsonNode data) {
        assertThat(data.fieldNames()).toIterable().containsExactly(
                "ts_ms", "event_ts_ms", "symbol", "price", "qty", "agg_trade_id", "latency_ms", "recv_rate_tps");
        return new PriceRow(data.get("ts_ms").asLong(), data.get("event_ts_ms").asLong(), data.get("symbol").asText(),
                data.get("price").asDouble(), data.get("qty").asDouble(), data.get("agg_trade_id").asLong(),
                data.get("latency_ms").asLong(), data.get("recv_rate_tps").asDouble());
    }

    /** README command 1 without its build step (Maven built the project before the ITs). */
    private static Process start(List<String> args, Path log) throws IOException {
        return start(args, Map.of(), log);
    }

    private static Process start(List<String> args, Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("./jobs/demo.sh"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SKIP_BUILD", "1");
        builder.environment().putAll(environment);
        return builder.start();
    }
}
