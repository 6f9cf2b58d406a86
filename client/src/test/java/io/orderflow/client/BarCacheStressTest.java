package io.orderflow.client;

import static io.orderflow.client.Bars1m.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Readers calling {@code last(n)} while a writer forms and closes bar after bar: every answer is whole
 * bars, in strictly increasing and contiguous open times, the forming bar only last. Bounded by the
 * writer's fixed number of updates; the readers' sizes come from fixed seeds.
 */
class BarCacheStressTest {

    private static final int BARS = 4_000;
    private static final int READERS = 4;

    @Test
    void readersNeverSeeATornOrDisorderedAnswer() throws Exception {
        BarCache cache = new BarCache(500);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);
        try {
            List<Future<String>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                Random random = new Random(14L + r);
                readers.add(threads.submit(() -> read(cache, random, writing)));
            }
            Future<?> writer = threads.submit(() -> {
                for (long minute = 0; minute < BARS; minute++) {
                    for (int version = 1; version <= 3; version++) {
                        cache.apply(Bars1m.bar(minute, version, false));
                    }
                    cache.apply(Bars1m.closed(minute));
                }
                writing.set(false);
            });
            writer.get();
            for (Future<String> reader : readers) {
                assertThat(reader.get()).startsWith("ok");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(cache.last("BTCUSDT", Timeframe.M1, 1)).containsExactly(Bars1m.closed(BARS - 1));
        assertThat(cache.size("BTCUSDT", Timeframe.M1)).isEqualTo(500);
    }

    /** "ok" and the number of answers checked, or the first bad answer. */
    private static String read(BarCache cache, Random random, AtomicBoolean writing) {
        long answers = 0;
        while (writing.get() || answers < 2_000) { // some answers even if the writer finished first
            int n = 1 + random.nextInt(600);
            List<Kline> bars = cache.last("btcusdt", Timeframe.M1, n);
            answers++;
            long closed = bars.stream().filter(Kline::closed).count();
            if (bars.size() > n || closed > 500) { // 500 closed bars at most, and the forming one
                return "too many: " + bars.size() + " (" + closed + " closed) for " + n;
            }
            for (int i = 0; i < bars.size(); i++) {
                Kline bar = bars.get(i);
                if (!Bars1m.whole(bar)) {
                    return "torn: " + bar;
                }
                if (i > 0 && bar.tsMs() != bars.get(i - 1).tsMs() + MINUTE) {
                    return "not contiguous: " + bars.get(i - 1) + " then " + bar;
                }
                if (!bar.closed() && i != bars.size() - 1) {
                    return "forming bar before the last: " + bar;
                }
            }
        }
        return "ok " + answers;
    }
}
