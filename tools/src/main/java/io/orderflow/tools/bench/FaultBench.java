package io.orderflow.tools.bench;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.job.source.MarketWatermarks;
import io.orderflow.job.source.binance.BinanceSource;
import io.orderflow.job.source.binance.reader.BinanceSourceMetrics;
import io.orderflow.testkit.loopback.LoopbackExchange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Issue 16's fault figures ({@code ./jobs/bench.sh faults}, docs/performance.md): the WebSocket
 * source in a local job against the loopback exchange (spot, BTCUSDT and ETHUSDT, 400 events/s each,
 * trades, diffs and book tickers), which drops every connection N times and withholds a diff M
 * times. The source's own measurements are read back: {@code ws_reconnect_ms} (loss noticed to the
 * first market message on the new connection) and {@code book_resync_ms} (gap seen to the snapshot
 * that synced the book again).
 *
 * <p>The source keeps its production settings (backoff from 1 s, ± 20 %, doubling to 30 s) but one:
 * the backoff resets after a connection lived 1 s instead of 60 s, and each drop waits for that, so
 * every drop is an isolated one (as drops minutes apart are), not a storm that backs off.
 *
 * <p>Usage: {@code FaultBench [drops] [gaps]}, by default 100 and 50.
 */
public final class FaultBench {

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final Duration BACKOFF_RESET_AFTER = Duration.ofSeconds(1);
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);

    /** The job's source metrics, as the reporter saw them registered. */
    private static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

    private FaultBench() {}

    public static void main(String[] args) throws Exception {
        int drops = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int gaps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        try (LoopbackExchange exchange = LoopbackExchange.builder().market(MarketType.SPOT).symbols(SYMBOLS).seed(16)
                .eventsPerSecondPerSymbol(400).build()) {
            exchange.start();
            Configuration conf = Configuration.fromMap(
                    Map.of("metrics.reporter.faults.factory.class", Reporter.class.getName()));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            env.fromSource(BinanceSource.builder().symbols(SYMBOLS)
                            .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER)
                            .wsBaseUrl(exchange.wsBaseUrl()).restBaseUrl(exchange.restBaseUrl())
                            .backoffResetAfter(BACKOFF_RESET_AFTER).build(),
                    MarketWatermarks.create(), "binance").sinkTo(new DiscardingSink<>());
            JobClient job = env.executeAsync("fault figures");
            try {
                await(() -> count(BinanceSourceMetrics.BOOKTICKER_CHECKS) > 0, "a synced book");
                for (int gap = 1; gap <= gaps; gap++) {
                    int resynced = gap;
                    exchange.skipNextDiff(SYMBOLS.get(gap % SYMBOLS.size()));
                    await(() -> times(BinanceSourceMetrics.BOOK_RESYNC_MS).size() == resynced, "resync " + gap);
                }
                // Taken now: each reconnect below resyncs the books too (the diffs missed meanwhile).
                String resyncs = figures(BinanceSourceMetrics.BOOK_RESYNC_MS);
                for (int drop = 1; drop <= drops; drop++) {
                    // The new connection lives past the backoff's reset first: not measured, just a pause.
                    LockSupport.parkNanos(BACKOFF_RESET_AFTER.toNanos() + TimeUnit.MILLISECONDS.toNanos(100));
                    int reconnected = drop;
                    exchange.dropConnections();
                    await(() -> times(BinanceSourceMetrics.WS_RECONNECT_MS).size() == reconnected, "reconnect " + drop);
                }
                System.out.printf("%s%n%s%ntrade gaps %d, book ticker mismatches %d, reconnects %d, resyncs %d%n",
                        figures(BinanceSourceMetrics.WS_RECONNECT_MS), resyncs,
                        count(BinanceSourceMetrics.TRADE_GAPS), count(BinanceSourceMetrics.BOOKTICKER_MISMATCHES),
                        count(BinanceSourceMetrics.WS_RECONNECTS), count(BinanceSourceMetrics.BOOK_RESYNCS));
            } finally {
                job.cancel().get(1, TimeUnit.MINUTES);
            }
        }
    }

    private static String figures(String name) {
        HistogramStatistics times = times(name);
        return String.format("%s over %d: p50 %.0f ms, p95 %.0f ms, max %d ms", name, times.size(),
                times.getQuantile(0.5), times.getQuantile(0.95), times.getMax());
    }

    private static HistogramStatistics times(String name) {
        Metric metric = METRICS.get(name);
        if (metric == null) {
            throw new IllegalStateException("the source has not registered " + name);
        }
        return ((Histogram) metric).getStatistics();
    }

    private static long count(String name) {
        Metric metric = METRICS.get(name);
        return metric == null ? 0 : ((Counter) metric).getCount();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Keeps the source's metrics (one reader: parallelism 1) where the bench can read them. */
    public static final class Reporter implements MetricReporter, MetricReporterFactory {

        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }

        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            METRICS.put(name, metric);
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}
    }
}
