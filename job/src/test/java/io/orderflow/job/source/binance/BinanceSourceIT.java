package io.orderflow.job.source.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.Trade;
import io.orderflow.job.source.MarketWatermarks;
import io.orderflow.job.source.binance.reader.BinanceSourceMetrics;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.loopback.FrameFuzzer;
import io.orderflow.testkit.loopback.LoopbackExchange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source in a MiniCluster job against a Binance-compatible exchange on loopback: whatever
 * happens to the connections or the job, the trades it emits are exactly the exchange's, each once.
 */
class BinanceSourceIT {

    /** Keeps the metrics of finished jobs, to read the source's counters after the job. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                    .build());

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final int DROPS = 100;
    private static final int FUZZED_FRAMES = 10_000;
    private static final int FUZZ_BATCH = 500;

    private LoopbackExchange exchange;

    @BeforeEach
    void startExchange() {
        exchange = exchange(Duration.ofMillis(200));
    }

    private static LoopbackExchange exchange(Duration pingInterval) {
        LoopbackExchange started = LoopbackExchange.builder()
                .market(MarketType.SPOT)
                .symbols(SYMBOLS)
                .seed(11)
                .eventsPerSecondPerSymbol(400)
                .pingInterval(pingInterval)
                .build();
        started.start();
        return started;
    }

    @AfterEach
    void closeExchange() {
        exchange.close();
    }

    @Test
    void aHundredDroppedConnectionsLoseAndRepeatNoTrade() throws Exception {
        StreamExecutionEnvironment env = TestEnvironments.create();
        // Cuts come faster than any backoff resets: a short backoff and a close watch keep a hundred of them cheap.
        job(env, source().reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .silenceTimeout(Duration.ofMillis(500)).build(), "drops");
        JobClient job = env.executeAsync("a hundred drops");
        try {
            for (int drop = 1; drop <= DROPS; drop++) {
                // Each cut lands on a connection opened after the previous cut: trades still on their way
                // from the old one must not pass for the new one's. Most cuts wait for the new connection
                // to deliver a few trades; every fifth comes as soon as it is open, before its first trade.
                int reconnects = drop - 1;
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() ->
                        counter(job, BinanceSourceMetrics.WS_RECONNECTS) >= reconnects && exchange.connectionCount() == 1);
                if (drop % 5 != 0) {
                    long emitted = CollectingSink.tradeCount("drops");
                    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                            .until(() -> CollectingSink.tradeCount("drops") >= emitted + 3);
                }
                exchange.dropConnections();
            }
            for (String symbol : SYMBOLS) {
                long published = exchange.lastTradeId(symbol);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        last(tradeIds(CollectingSink.collected("drops").stream(), symbol)) >= published);
            }
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }

        assertThat(exchange.totalConnectionsAccepted()).isGreaterThan(DROPS);
        assertThat(counter(job, BinanceSourceMetrics.WS_RECONNECTS)).isGreaterThanOrEqualTo(DROPS);
        assertThat(counter(job, BinanceSourceMetrics.GAPFILL_TRADES)).isPositive();
        assertThat(counter(job, BinanceSourceMetrics.TRADE_GAPS)).isZero();
        List<MarketEvent> events = CollectingSink.collected("drops");
        for (String symbol : SYMBOLS) {
            assertExactlyThePublishedTrades(symbol, tradeIds(events.stream(), symbol));
        }
        printTimes(job, BinanceSourceMetrics.WS_RECONNECT_MS);
    }

    @Test
    void tenThousandFuzzedFramesAreEachCountedWhileTheTradesGoOn() throws Exception {
        // Binance's own ping interval (the exchange cuts a client owing 3 pongs): the 200 ms of the other
        // tests cut a client whose pong a loaded machine delays by 600 ms, a reconnect this test rules out.
        exchange.close();
        exchange = exchange(Duration.ofSeconds(20));
        StreamExecutionEnvironment env = TestEnvironments.create();
        job(env, source().streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER).build(), "fuzz");
        JobClient job = env.executeAsync("fuzzed frames");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> SYMBOLS.stream().allMatch(
                    symbol -> tradeIds(CollectingSink.collected("fuzz").stream(), symbol).size() >= 20));
            // Trades that stay valid carry an id already emitted: duplicates, counted as such.
            List<FrameFuzzer> fuzzers = SYMBOLS.stream().map(symbol -> new FrameFuzzer(16 + symbol.hashCode(), symbol,
                    tradeIds(CollectingSink.collected("fuzz").stream(), symbol).get(0))).toList();
            // In batches, each taken in before the next, interleaved with the market that goes on meanwhile:
            // 10,000 frames at once would fill the connection's inbox, the client would stop reading, and
            // the exchange would cut it for the pongs it owes (as Binance does).
            for (int sent = FUZZ_BATCH; sent <= FUZZED_FRAMES; sent += FUZZ_BATCH) {
                List<FrameFuzzer.Frame> frames = new ArrayList<>();
                for (int i = 0; i < FUZZ_BATCH; i++) {
                    frames.add(fuzzers.get(i % fuzzers.size()).next());
                }
                exchange.sendGarbage(frames);
                int counted = sent;
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> countedBadInput(job) >= counted);
            }
            for (String symbol : SYMBOLS) {
                long published = exchange.lastTradeId(symbol);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        last(tradeIds(CollectingSink.collected("fuzz").stream(), symbol)) >= published);
            }
            assertThat(job.getJobStatus().get(1, TimeUnit.MINUTES)).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }

        System.out.printf("%d fuzzed frames: parse errors %d, unsupported %d, duplicates %d%n", FUZZED_FRAMES,
                counter(job, BinanceSourceMetrics.PARSE_ERRORS), counter(job, BinanceSourceMetrics.UNSUPPORTED_MESSAGES),
                counter(job, BinanceSourceMetrics.DEDUP_HITS));
        assertThat(countedBadInput(job)).as("each fuzzed frame counted once").isEqualTo(FUZZED_FRAMES);
        assertThat(counter(job, BinanceSourceMetrics.WS_RECONNECTS)).isZero();
        assertThat(counter(job, BinanceSourceMetrics.TRADE_GAPS)).isZero();
        assertThat(counter(job, BinanceSourceMetrics.BOOK_RESYNCS)).isZero();
        assertThat(counter(job, BinanceSourceMetrics.BOOKTICKER_CHECKS)).isPositive();
        assertThat(counter(job, BinanceSourceMetrics.BOOKTICKER_MISMATCHES)).isZero();
        List<MarketEvent> events = CollectingSink.collected("fuzz");
        for (String symbol : SYMBOLS) {
            assertExactlyThePublishedTrades(symbol, tradeIds(events.stream(), symbol));
        }
    }

    /** Bad input is rejected (parse errors), well-formed but not consumed (unsupported), or a duplicate trade. */
    private static long countedBadInput(JobClient job) {
        return counter(job, BinanceSourceMetrics.PARSE_ERRORS) + counter(job, BinanceSourceMetrics.UNSUPPORTED_MESSAGES)
                + counter(job, BinanceSourceMetrics.DEDUP_HITS);
    }

    /** The times the source measured, for the log: figures, not assertions. */
    private static void printTimes(JobClient job, String name) {
        for (Metric metric : METRICS.findMetrics(job.getJobID(), name).values()) {
            HistogramStatistics times = ((Histogram) metric).getStatistics();
            if (times.size() == 0) {
                continue; // a reader without a split
            }
            System.out.printf("%s over %d: p50 %.0f, p95 %.0f, max %d%n", name, times.size(), times.getQuantile(0.5),
                    times.getQuantile(0.95), times.getMax());
        }
    }

    @Test
    void aJobRestoredFromASavepointBackFillsTheTradesMadeWhileItWasDown(@TempDir Path tmp) throws Exception {
        StreamExecutionEnvironment first = TestEnvironments.create();
        job(first, source().build(), "before-savepoint");
        JobClient job = first.executeAsync("before the savepoint");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> SYMBOLS.stream().allMatch(
                symbol -> tradeIds(CollectingSink.collected("before-savepoint").stream(), symbol).size() >= 100));
        String savepoint = job.stopWithSavepoint(false, tmp.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(1, TimeUnit.MINUTES);
        List<MarketEvent> before = CollectingSink.collected("before-savepoint");
        long btcLastBefore = last(tradeIds(before.stream(), "BTCUSDT"));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> exchange.lastTradeId("BTCUSDT") > btcLastBefore + 200); // trades made while down

        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment second = TestEnvironments.create(restore);
        job(second, source().endTimeMs(System.currentTimeMillis() + 6_000).build(), "after-restore");
        second.execute("restored from the savepoint");

        List<MarketEvent> after = CollectingSink.collected("after-restore");
        assertThat(tradeIds(after.stream(), "BTCUSDT")).first().as("continues where it stopped")
                .isEqualTo(btcLastBefore + 1);
        for (String symbol : SYMBOLS) {
            assertExactlyThePublishedTrades(symbol, tradeIds(Stream.concat(before.stream(), after.stream()), symbol));
        }
    }

    private BinanceSourceBuilder source() {
        return BinanceSource.builder()
                .symbols(SYMBOLS)
                .wsBaseUrl(exchange.wsBaseUrl())
                .restBaseUrl(exchange.restBaseUrl())
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .backoffResetAfter(Duration.ofSeconds(1))
                .silenceTimeout(Duration.ofSeconds(1))
                .pingInterval(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(2));
    }

    /** The same graph both times, with ids, so the restored job finds the source's state. */
    private static void job(StreamExecutionEnvironment env, BinanceSource source, String sinkName) {
        env.fromSource(source, MarketWatermarks.create(), "binance").uid("binance-source")
                .sinkTo(new CollectingSink(sinkName)).uid("collect");
    }

    /** Each id once, none missing between the first and the last, all of them the exchange's. */
    private void assertExactlyThePublishedTrades(String symbol, List<Long> ids) {
        assertThat(ids).as(symbol).hasSizeGreaterThan(100);
        assertThat(ids).as(symbol + " trade ids, in order, each once, none missing")
                .containsExactlyElementsOf(LongStream.rangeClosed(ids.get(0), last(ids)).boxed().toList());
        assertThat(exchange.publishedTradeIds(symbol)).containsSubsequence(ids);
    }

    /** A source counter summed over the job's readers, as Flink's metric system has it. */
    private static long counter(JobClient job, String name) {
        return METRICS.findMetrics(job.getJobID(), name).values().stream()
                .mapToLong(metric -> ((Counter) metric).getCount()).sum();
    }

    private static List<Long> tradeIds(Stream<MarketEvent> events, String symbol) {
        return events.map(MarketEvent::trade).filter(Objects::nonNull).filter(t -> t.symbol().equals(symbol))
                .map(Trade::tradeId).toList();
    }

    private static long last(List<Long> ids) {
        return ids.isEmpty() ? -1 : ids.get(ids.size() - 1);
    }
}
