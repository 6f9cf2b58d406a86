package io.orderflow.tools.bench.client;

import io.orderflow.client.BarCache;
import io.orderflow.client.Bars;
import io.orderflow.client.ClientSettings;
import io.orderflow.client.HistoryClient;
import io.orderflow.client.Kline;
import io.orderflow.client.Timeframe;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code bars(symbol, 1m, 1000)} answered from the cache, as a strategy asks on each closed bar: a cache
 * holding 1,000 closed one-minute bars and the forming one after them, covered as a live connection
 * covers them, the clock 30 s into the forming bar. Every call must be a hit: the history URL is a port
 * nothing listens on, and the tear-down fails the run if the cache counted a miss.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BarsBench {

    static final String SYMBOL = "BTCUSDT";
    static final int COUNT = 1_000;
    static final long MINUTE = 60_000L;
    /** The first bar's open time: 2024-07-28T00:00Z. */
    static final long FIRST_MS = 1_722_124_800_000L;
    /** The forming bar's open time: right after the 1,000 closed ones. */
    static final long FORMING_MS = FIRST_MS + COUNT * MINUTE;
    /** The clock: 30 s into the forming bar. */
    static final long NOW_MS = FORMING_MS + 30_000L;

    private Bars bars;

    @Setup
    public void setUp() {
        bars = filledBars();
    }

    /** The call alone: what it returns is a view of the cache's snapshot. */
    @Benchmark
    public List<Kline> bars() {
        return bars.bars(SYMBOL, Timeframe.M1, COUNT);
    }

    /** The call and one pass over what it returns, as a strategy reads it (the closes' mean). */
    @Benchmark
    public double barsAndMeanClose() {
        List<Kline> last = bars.bars(SYMBOL, Timeframe.M1, COUNT);
        double sum = 0;
        for (Kline bar : last) {
            sum += bar.close();
        }
        return sum / last.size();
    }

    @TearDown
    public void noMiss() {
        BarCache.Stats stats = bars.cache().stats();
        if (stats.misses() != 0) {
            throw new IllegalStateException("the benchmark measured misses, not the cache: " + stats);
        }
    }

    /**
     * Bars over a cache of the default size holding {@code COUNT} closed bars and the forming one, with
     * the clock at {@link #NOW_MS}; a miss would go to a port nothing listens on.
     */
    static Bars filledBars() {
        ClientSettings settings = ClientSettings.defaults()
                .withHistoryUrl(URI.create("http://127.0.0.1:9"));
        BarCache cache = new BarCache(settings.barsPerKey());
        fill(cache);
        return new Bars(new HistoryClient(settings), cache, settings, () -> NOW_MS);
    }

    /**
     * 1,000 closed bars as history returns them, then the forming bar as the live stream brings it, with
     * the coverage the live connection gives it (OrderflowClient.deliver).
     */
    static void fill(BarCache cache) {
        List<Kline> closed = new ArrayList<>(COUNT);
        SplittableRandom random = new SplittableRandom(14);
        double price = 60_000;
        for (int i = 0; i < COUNT; i++) {
            Kline bar = bar(FIRST_MS + i * MINUTE, price, random, true);
            closed.add(bar);
            price = bar.close();
        }
        cache.applyHistory(SYMBOL, Timeframe.M1, closed, FIRST_MS, FORMING_MS);
        cache.apply(bar(FORMING_MS, price, random, false));
        cache.applyHistory(SYMBOL, Timeframe.M1, List.of(), FIRST_MS, FORMING_MS + 1);
    }

    /** A bar opened at {@code openMs} at {@code open}, prices on a 0.1 tick. */
    private static Kline bar(long openMs, double open, SplittableRandom random, boolean closed) {
        double close = Math.round((open + random.nextDouble(-30, 30)) * 10) / 10.0;
        double high = Math.max(open, close) + Math.round(random.nextDouble(0, 10) * 10) / 10.0;
        double low = Math.min(open, close) - Math.round(random.nextDouble(0, 10) * 10) / 10.0;
        double volume = Math.round(random.nextDouble(1, 50) * 1000) / 1000.0;
        double vwap = (open + close + high + low) / 4;
        return new Kline(openMs, SYMBOL, Timeframe.M1, open, high, low, close, volume, volume * vwap,
                volume * random.nextDouble(0.3, 0.7), random.nextInt(100, 2000), vwap, closed);
    }
}
