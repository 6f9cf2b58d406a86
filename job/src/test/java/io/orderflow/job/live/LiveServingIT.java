package io.orderflow.job.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.KlineRow;
import io.orderflow.job.OrderflowJob;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.source.market.EmbeddedMarketSource;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.server.ServerSettings;
import io.orderflow.server.StreamServer;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.Harvest;
import io.orderflow.testkit.WsRecorder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job → live sink → the real stream server → a WebSocket client, on a paced embedded market, with the
 * job failing once and restoring from its checkpoint, and the server restarted midway: no row
 * reaches the client twice, what it missed live it fills from {@code /incremental} and
 * {@code /history}, and then it holds every closed 1m bar the job committed, equal to Parquet.
 */
class LiveServingIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final List<String> STREAMS = List.of("btcusdt@kline_1m", "ethusdt@kline_1m");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final long MINUTE_MS = 60_000;
    /** Six minutes of market at 50 events/s per symbol, paced 20× faster: a minute's bar every 3 s. */
    private static final long START_MS = Instant.parse("2024-03-09T23:55:00Z").toEpochMilli();
    private static final int EVENTS_PER_SYMBOL = 6 * 60 * 50;
    private static final double SPEED = 20;

    /** Set by the test: the live sink's next row fails its task, once (the MiniCluster is this JVM). */
    static final AtomicBoolean FAIL_NEXT_ROW = new AtomicBoolean();

    @TempDir
    Path out;

    @TempDir
    Path serverState;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WsRecorder> connections = new ArrayList<>();
    private StreamServer server;
    private int port;

    @AfterEach
    void stop() {
        connections.forEach(WsRecorder::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientMissesNoClosedBarAndSeesNoneTwiceThroughAJobRestoreAndAServerRestart() throws Exception {
        port = FreePorts.next();
        // The server keeps each stream's last seq across its restart: the restored job may still be
        // sending rows again then, which clients had from the server before.
        ServerSettings settings = ServerSettings.defaults().withEndpoint("127.0.0.1", port).withDataDir(out)
                .withStateDir(serverState);
        server = startServer(settings);
        WsRecorder before = subscribe();

        JobClient job = startJob();
        try (Harvest harvest = new Harvest(out)) {
            // A checkpoint has completed once a file is committed: the failure restores from it.
            await().atMost(WAIT).until(() -> harvest.committedFiles() > 0 && closedBars(before).size() >= 2);
        }
        FAIL_NEXT_ROW.set(true);
        // The restored job sends again what followed its checkpoint, with the same numbers: the server drops them.
        await().atMost(WAIT).until(() -> metric("orderflow_server_rows_dropped_total{reason=\"stale_seq\"}") > 0);
        long liveBeforeRestart = closedBars(before).size();

        server.close();
        await().atMost(WAIT).until(() -> before.closeCode.isDone());
        server = startServer(settings);
        WsRecorder after = subscribe();
        job.getJobExecutionResult().get();

        try (Harvest harvest = new Harvest(out)) {
            for (String stream : STREAMS) {
                String symbol = stream.substring(0, stream.indexOf('@')).toUpperCase();
                List<KlineRow> committed = harvest.klines().stream()
                        .filter(k -> k.symbol().equals(symbol) && k.timeframe().equals("1m"))
                        .sorted((a, b) -> Long.compare(a.tsMs(), b.tsMs()))
                        .toList();
                KlineRow last = committed.get(committed.size() - 1);
                // The job has ended and its sink drained: the last bar reaches the client live.
                await().atMost(WAIT).until(() -> closedBars(after).getOrDefault(stream, List.of()).stream()
                        .anyMatch(m -> m.at("/data/ts_ms").asLong() == last.tsMs()));

                TreeMap<Long, KlineRow> seen = new TreeMap<>();
                long lastSeq = receive(stream, before, Long.MIN_VALUE, seen);
                assertRising(stream, after, lastSeq);
                lastSeq = fillAfterReconnect(stream, lastSeq, seen);
                receive(stream, after, lastSeq, seen);
                fillByTime(stream, seen, committed);

                assertThat(List.copyOf(seen.values())).as(stream).containsExactlyElementsOf(committed);
                assertThat(committed.get(0).tsMs()).isEqualTo(START_MS);
                assertThat(committed).hasSizeGreaterThanOrEqualTo(3);
                assertThat(history(stream, START_MS, last.tsMs() + 1)).as("/history over the run").containsExactlyElementsOf(committed);
            }
        }
        assertThat(liveBeforeRestart).isGreaterThanOrEqualTo(2);
        assertThat(metric("orderflow_server_rows_in_total")).as("the restarted server took rows").isPositive();
    }

    private static StreamServer startServer(ServerSettings settings) throws Exception {
        StreamServer server = new StreamServer(settings);
        server.start();
        return server;
    }

    private WsRecorder subscribe() throws Exception {
        WsRecorder client = WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ws/stream", true);
        connections.add(client);
        client.send("{\"op\":\"subscribe\",\"streams\":" + JSON.writeValueAsString(STREAMS) + ",\"id\":1}");
        await().atMost(WAIT).until(() -> client.received.stream().anyMatch(m -> m.startsWith("{\"id\":1,\"result\":\"ok\"")));
        return client;
    }

    private JobClient startJob() throws Exception {
        OrderflowConfig config = OrderflowConfig.defaults()
                .with("OUTPUT_DIR", out.toString())
                .with("SYMBOLS", "BTCUSDT,ETHUSDT")
                .with("PARQUET_ROTATE_SEC", "1")
                .with("LIVE_URL", "ws://127.0.0.1:" + port + "/ingest")
                .with("LIVE_BUFFER_ROWS", "1000000"); // keeps all a restarting server misses
        EmbeddedMarketSource market = EmbeddedMarketSource.builder()
                .symbols(config.symbols())
                .seed(7)
                .eventsPerSecondPerSymbol(50)
                .bookLevels(config.bookLevels())
                .startTimeMs(START_MS)
                .maxEventsPerSymbol(EVENTS_PER_SYMBOL)
                .paced(true)
                .speed(SPEED)
                .build();
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = TestEnvironments.create(restarts);
        Sink<String> live = new FailingOnce(OrderflowJob.liveSink(config).orElseThrow());
        new OrderflowJob(config, market, OrderflowJob.parquetSinks(config), Optional.of(live)).addTo(env);
        return env.executeAsync("live serving IT");
    }

    /** The closed bars a connection received, per stream, in arrival order. */
    private static Map<String, List<JsonNode>> closedBars(WsRecorder client) throws IOException {
        Map<String, List<JsonNode>> bars = new LinkedHashMap<>();
        for (String message : client.received) {
            if (message.startsWith("{\"stream\":") && message.endsWith(",\"closed\":true}}")) {
                JsonNode node = JSON.readTree(message);
                bars.computeIfAbsent(node.get("stream").asText(), s -> new ArrayList<>()).add(node);
            }
        }
        return bars;
    }

    /**
     * Numbers rise along a connection: the server sends no row twice. The one row allowed at or below
     * what the client had before is the first after subscribing, the latest row the server sends
     * every new subscriber (the client recognises it by its number, docs/live-protocol.md).
     */
    private static void assertRising(String stream, WsRecorder connection, long lastBefore) throws IOException {
        long last = Long.MIN_VALUE;
        for (JsonNode message : messages(stream, connection)) {
            long seq = message.get("seq").asLong();
            if (last == Long.MIN_VALUE && seq <= lastBefore) {
                assertThat(seq).as("%s: the latest row on subscribing is the last one the client had", stream)
                        .isEqualTo(lastBefore);
            } else {
                assertThat(seq).as("%s: seq %d after %d on one connection", stream, seq, last).isGreaterThan(last);
            }
            last = seq;
        }
    }

    /**
     * Takes a connection's closed bars of a stream numbered above {@code after} into {@code seen}
     * (by open time), as a client that has had the rows up to {@code after} does; returns the last number.
     */
    private static long receive(String stream, WsRecorder connection, long after, Map<Long, KlineRow> seen)
            throws IOException {
        long last = after;
        for (JsonNode message : messages(stream, connection)) {
            long seq = message.get("seq").asLong();
            if (seq > last) {
                last = seq;
                take(message.get("data"), seen);
            }
        }
        return last;
    }

    private static List<JsonNode> messages(String stream, WsRecorder connection) throws IOException {
        List<JsonNode> messages = new ArrayList<>();
        for (String message : connection.received) {
            if (message.startsWith("{\"stream\":\"" + stream + "\"")) {
                messages.add(JSON.readTree(message));
            }
        }
        return messages;
    }

    /** A closed bar is taken once: a second copy of one is a duplicate that reached the client. */
    private static void take(JsonNode data, Map<Long, KlineRow> seen) {
        if (!data.path("closed").asBoolean(true)) {
            return; // forming
        }
        KlineRow bar = LiveRows.kline(data);
        KlineRow earlier = seen.put(bar.tsMs(), bar);
        assertThat(earlier).as("bar %s reached the client twice", bar).isNull();
    }

    /**
     * What a reconnecting client does: {@code /incremental} from its last number; when the restarted
     * server no longer holds it (410), {@code /history} up to the oldest row it holds, then
     * {@code /incremental} from there. Returns the last number taken.
     */
    private long fillAfterReconnect(String stream, long lastSeq, TreeMap<Long, KlineRow> seen) throws Exception {
        HttpResponse<String> incremental = get("/incremental?stream=" + stream + "&from=" + lastSeq + "&limit=1000");
        if (incremental.statusCode() == 410) {
            JsonNode gone = JSON.readTree(incremental.body());
            long from = seen.isEmpty() ? START_MS : seen.lastKey() + 1;
            for (KlineRow bar : history(stream, from, gone.get("oldest_ts_ms").asLong())) {
                assertThat(seen.put(bar.tsMs(), bar)).as("/history repeats %s", bar).isNull();
            }
            incremental = get("/incremental?stream=" + stream + "&from=" + (gone.get("oldest_seq").asLong() - 1) + "&limit=1000");
        }
        assertThat(incremental.statusCode()).as(incremental.body()).isEqualTo(200);
        long last = lastSeq;
        for (JsonNode message : JSON.readTree(incremental.body()).get("data")) {
            last = message.get("seq").asLong();
            take(message.get("data"), seen);
        }
        return last;
    }

    /**
     * A live row the job's sink lost when its task failed (sent before the checkpoint the job
     * restored, never received) is only in Parquet: a client fills a missing minute from
     * {@code /history}.
     */
    private void fillByTime(String stream, Map<Long, KlineRow> seen, List<KlineRow> committed) throws Exception {
        long to = committed.get(committed.size() - 1).tsMs() + 1;
        for (long minute = START_MS; minute < to; minute += MINUTE_MS) {
            if (!seen.containsKey(minute)) {
                history(stream, minute, minute + MINUTE_MS).forEach(bar -> seen.put(bar.tsMs(), bar));
            }
        }
    }

    private List<KlineRow> history(String stream, long fromMs, long toMs) throws Exception {
        HttpResponse<String> answer = get("/history?stream=" + stream + "&from_ms=" + fromMs + "&to_ms=" + toMs);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<KlineRow> bars = new ArrayList<>();
        for (JsonNode row : JSON.readTree(answer.body()).get("data")) {
            bars.add(LiveRows.kline(row));
        }
        return bars;
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long metric(String name) throws Exception {
        return get("/metrics").body().lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    /** The live sink, but its writer fails the task on the first row after the test asks. */
    private record FailingOnce(Sink<String> live) implements Sink<String> {

        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
            SinkWriter<String> writer = live.createWriter(context);
            return new SinkWriter<>() {
                @Override
                public void write(String message, Context context) throws IOException, InterruptedException {
                    if (FAIL_NEXT_ROW.compareAndSet(true, false)) {
                        throw new IOException("injected by LiveServingIT");
                    }
                    writer.write(message, context);
                }

                @Override
                public void flush(boolean endOfInput) throws IOException, InterruptedException {
                    writer.flush(endOfInput);
                }

                @Override
                public void close() throws Exception {
                    writer.close();
                }
            };
        }
    }
}
