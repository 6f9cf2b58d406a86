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
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.Harvest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a bounded embedded market with live output to an ingest server on loopback: what
 * the server receives, stream by stream, against what the job committed to Parquet.
 */
class LiveOutputIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path out;

    static IngestServer server;
    static Harvest harvest;
    /** Each stream's messages, in the order they arrived. */
    static Map<String, List<JsonNode>> streams;
    /** The clock around the run, which numbers every stream's first row. */
    static long startedMs;
    static long endedMs;

    @BeforeAll
    static void runTheJob() throws Exception {
        int port = FreePorts.next();
        server = IngestServer.start(port);
        OrderflowConfig config = OrderflowConfig.defaults()
                .with("OUTPUT_DIR", out.toString())
                .with("SYMBOLS", String.join(",", SYMBOLS))
                .with("PARQUET_ROTATE_SEC", "1")
                .with("MARKET_EVENTS", "12000")
                .with("LIVE_URL", IngestServer.url(port))
                .with("SERVER_INGEST_TOKEN", "it-token")
                .with("LIVE_BUFFER_ROWS", "1000000"); // the whole run, even if the socket opens late
        // The embedded market of SOURCE=embedded, bounded by MARKET_EVENTS, unpaced: four minutes of
        // market in seconds, from a fixed start so that bars of every timeframe close.
        EmbeddedMarketSource market = EmbeddedMarketSource.builder()
                .symbols(config.symbols())
                .seed(config.marketSeed())
                .eventsPerSecondPerSymbol(config.marketRate())
                .bookLevels(config.bookLevels())
                .startTimeMs(Instant.parse("2024-03-09T23:58:00Z").toEpochMilli())
                .maxEventsPerSymbol(config.marketEvents())
                .paced(false)
                .build();
        StreamExecutionEnvironment env = TestEnvironments.create();
        new OrderflowJob(config, market, OrderflowJob.parquetSinks(config), OrderflowJob.liveSink(config)).addTo(env);
        startedMs = System.currentTimeMillis();
        env.execute("live output IT");
        endedMs = System.currentTimeMillis();
        harvest = new Harvest(out);

        // The job has ended; its sink subtasks drained their buffers and closed their connections. The
        // server reads a connection's frames before its end: once every one has ended, it has them all.
        await().atMost(Duration.ofSeconds(30)).until(() -> server.closeCodes().size() == server.authorizations().size());
        streams = new LinkedHashMap<>();
        for (String message : server.messages()) {
            JsonNode node = JSON.readTree(message);
            streams.computeIfAbsent(node.get("stream").asText(), s -> new ArrayList<>()).add(node);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        harvest.close();
        server.shutDown();
    }

    @Test
    void everyKindOfEverySymbolIsAStream() {
        for (String symbol : SYMBOLS) {
            String s = symbol.toLowerCase();
            assertThat(streams).containsKeys(s + "@trade", s + "@ofi", s + "@cvd", s + "@fusion",
                    s + "@kline_1m", s + "@kline_5m", s + "@kline_1h");
        }
        assertThat(server.authorizations()).hasSize(2).containsOnly("Bearer it-token"); // one socket per subtask
    }

    @Test
    void eachStreamIsNumberedFromItsFirstRowsTimeWithoutAGapInTheOrderItArrives() {
        streams.forEach((stream, messages) -> {
            long first = messages.get(0).get("seq").asLong();
            assertThat((first - 1) % LiveSequencer.SEQ_PER_MS).as(stream).isZero();
            assertThat((first - 1) / LiveSequencer.SEQ_PER_MS).as(stream).isBetween(startedMs, endedMs);
            assertThat(messages).as(stream).extracting(m -> m.get("seq").asLong())
                    .containsExactlyElementsOf(LongStream.range(first, first + messages.size()).boxed().toList());
        });
    }

    @Test
    void messagesAreStreamSeqDataInThatOrderWithNoWhiteSpace() {
        assertThat(server.messages()).allSatisfy(m -> assertThat(m)
                .matches("\\{\"stream\":\"[a-z0-9_]+@[a-z0-9_]+\",\"seq\":[1-9][0-9]*,\"data\":\\{\\S.*}}")
                .doesNotContain("\n"));
    }

    @Test
    void everyClosedBarIsTheKlinesRowCommittedToParquetSentOnceAfterItsFormingUpdates() throws Exception {
        List<KlineRow> parquet = harvest.klines();
        List<KlineRow> closed = new ArrayList<>();
        int forming = 0;
        for (Map.Entry<String, List<JsonNode>> stream : streams.entrySet()) {
            if (!stream.getKey().contains("@kline_")) {
                continue;
            }
            Set<Long> closedBars = new java.util.HashSet<>();
            for (JsonNode message : stream.getValue()) {
                JsonNode data = message.get("data");
                long open = data.get("ts_ms").asLong();
                assertThat(closedBars).as("an update after its bar closed, %s", message).doesNotContain(open);
                if (data.get("closed").asBoolean()) {
                    closedBars.add(open);
                    closed.add(LiveRows.kline(data));
                } else {
                    forming++;
                }
            }
        }
        assertThat(parquet).extracting(KlineRow::timeframe).contains("1m", "5m", "1h");
        assertThat(closed).containsExactlyInAnyOrderElementsOf(parquet);
        assertThat(closed.stream().filter(k -> k.timeframe().equals("1m")).count()).isGreaterThanOrEqualTo(2 * 3);
        assertThat(forming).isGreaterThan(closed.size());
    }

    @Test
    void theOtherKindsCarryEveryParquetRowOnce() throws Exception {
        assertThat(count("trade")).isEqualTo(bySymbol(harvest.prices().stream().map(r -> r.symbol())));
        assertThat(count("ofi")).isEqualTo(bySymbol(harvest.ofi().stream().map(r -> r.symbol())));
        assertThat(count("cvd")).isEqualTo(bySymbol(harvest.cvd().stream().map(r -> r.symbol())));
        assertThat(count("fusion")).isEqualTo(bySymbol(harvest.fusion().stream().map(r -> r.symbol())));
        assertThat(count("events")).isEqualTo(bySymbol(harvest.events().stream().map(r -> r.symbol())));
        JsonNode firstTrade = streams.get("btcusdt@trade").get(0).get("data");
        assertThat(firstTrade.fieldNames()).toIterable().containsExactly(
                "ts_ms", "event_ts_ms", "symbol", "price", "qty", "agg_trade_id", "latency_ms", "recv_rate_tps");
        assertThat(harvest.prices()).anySatisfy(p -> {
            assertThat(p.aggTradeId()).isEqualTo(firstTrade.get("agg_trade_id").asLong());
            assertThat(p.price()).isEqualTo(firstTrade.get("price").asDouble());
            assertThat(p.tsMs()).isEqualTo(firstTrade.get("ts_ms").asLong());
        });
    }

    private static Map<String, Long> count(String kind) {
        return streams.entrySet().stream()
                .filter(e -> e.getKey().endsWith("@" + kind))
                .collect(Collectors.toMap(e -> e.getKey().substring(0, e.getKey().indexOf('@')).toUpperCase(),
                        e -> (long) e.getValue().size()));
    }

    private static Map<String, Long> bySymbol(java.util.stream.Stream<String> symbols) {
        return symbols.collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

}
