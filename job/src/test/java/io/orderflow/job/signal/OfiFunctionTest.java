package io.orderflow.job.signal;

import static io.orderflow.core.signal.Books.book;
import static io.orderflow.core.signal.Books.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.signal.ActivityRegime;
import io.orderflow.job.metrics.ProcessingLatency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class OfiFunctionTest {

    private static final double[] WEIGHTS = {0.5, 0.5};

    private static KeyedOneInputStreamOperatorTestHarness<String, BookTop, OfiRow> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        return harness(3, 0.5, 0.1, restoreFrom);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BookTop, OfiRow> harness(
            int window, double emaAlpha, double depthHalfLifeSec, OperatorSubtaskState restoreFrom) throws Exception {
        return KeyedHarness.open(() -> new OfiFunction(WEIGHTS, window, emaAlpha, depthHalfLifeSec, false),
                BookTop::symbol, restoreFrom);
    }

    /**
     * Two levels; level 1 bid queue +2, then +4, then level 2 ask queue +1 (ask added: −1); the
     * fifth book repeats the fourth (OFI 0).
     */
    private static final List<BookTop> BOOKS = List.of(
            book("BTCUSDT", 1000, d(100, 99), d(1, 1), d(101, 102), d(1, 1)),
            book("BTCUSDT", 1100, d(100, 99), d(3, 1), d(101, 102), d(1, 1)),
            book("BTCUSDT", 1200, d(100, 99), d(7, 1), d(101, 102), d(1, 1)),
            book("BTCUSDT", 1300, d(100, 99), d(7, 1), d(101, 102), d(1, 2)),
            book("BTCUSDT", 1400, d(100, 99), d(7, 1), d(101, 102), d(1, 2)));

    @Test
    void emitsDepthNormalisedOfiZAndEmaPerUpdateAfterTheFirstBook() throws Exception {
        var h = harness(null);
        KeyedHarness.feed(h, BOOKS.subList(0, 4), BookTop::eventTimeMs);

        List<OfiRow> rows = h.extractOutputValues();
        assertThat(rows).hasSize(3);
        // mean level depth (Σ q / 4) per book: 1, 1.5, 2.5, 2.75. Half-life 100 ms, one update per
        // 100 ms, so each step halves the old weight:
        //   1 → (0.5·1 + 1.5)/1.5 = 4/3 → (0.75·4/3 + 2.5)/1.75 = 2 → (0.875·2 + 2.75)/1.875 = 2.4
        assertThat(rows).extracting(OfiRow::scale).usingElementComparator(close())
                .containsExactly(4 / 3.0, 2.0, 2.4);
        // raw ofi = 0.5·e1 + 0.5·e2: 1, 2, −0.5; divided by the depth: 0.75, 1, −5/24
        assertThat(rows).extracting(OfiRow::ofiValue).usingElementComparator(close())
                .containsExactly(0.75, 1.0, -5 / 24.0);
        assertThat(rows).extracting(OfiRow::tsMs).containsExactly(1100L, 1200L, 1300L);
        // window {0.75}: no spread; {0.75, 1}: z(1) = 0.125/0.125 = 1
        assertThat(rows.get(0).stdZero()).isTrue();
        assertThat(rows.get(0).ofiZ()).isZero();
        assertThat(rows.get(0).warmup()).isTrue();
        assertThat(rows.get(1).ofiZ()).isCloseTo(1.0, offset(1e-12));
        assertThat(rows.get(1).warmup()).isTrue();
        // {54, 72, −15}/72: mean 37/72; deviations 17, 35, −52 (/72) → variance 4218/(5184·3)
        double z = (-52 / 72.0) / Math.sqrt(4218 / 15552.0);
        assertThat(rows.get(2).ofiZ()).isCloseTo(z, offset(1e-12));
        assertThat(rows.get(2).warmup()).isFalse();
        assertThat(rows.get(2).stdZero()).isFalse();
        // EMA α = 0.5: 0.75 → 0.875 → (0.875 − 5/24)/2 = 1/3
        assertThat(rows).extracting(OfiRow::ofiEma).usingElementComparator(close())
                .containsExactly(0.75, 0.875, 1 / 3.0);
        assertThat(rows).extracting(OfiRow::regime).containsOnly(ActivityRegime.NORMAL);
        // level 1 alone, unweighted and not divided by the depth: bid queue 1 → 3 (+2), 3 → 7 (+4), then
        // unchanged (0: the ask added at level 2 is not in it); best prices stay 100 and 101
        assertThat(rows).extracting(OfiRow::ofiL1).containsExactly(2.0, 4.0, 0.0);
        assertThat(rows).extracting(OfiRow::bestBid).containsOnly(100.0);
        assertThat(rows).extracting(OfiRow::bestAsk).containsOnly(101.0);
        // state: previous book and stats for one symbol; no timers
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void bestPricesAndTheLevelOneTermFollowTheBookThroughAnEmptiedAskSide() throws Exception {
        var h = harness(null);
        KeyedHarness.feed(h, List.of(
                book("BTCUSDT", 1000, d(100, 99), d(1, 1), d(101, 102), d(1, 1)),
                book("BTCUSDT", 1100, d(100.5, 100), d(2, 1), d(101, 102), d(0.5, 1)),
                book("BTCUSDT", 1200, d(100.5, 100), d(2, 1), d(0, 0), d(0, 0)),
                book("BTCUSDT", 1300, d(100.5, 100), d(2, 1), d(100.8, 101), d(4, 1))), BookTop::eventTimeMs);

        List<OfiRow> rows = h.extractOutputValues();
        // e1 = 1{Pb≥Pb'}qb − 1{Pb≤Pb'}qb' − 1{Pa≤Pa'}qa + 1{Pa≥Pa'}qa':
        //   bid up to 100.5 × 2: +2; ask 101 same, 1 → 0.5: −0.5 + 1 = +0.5       → 2.5
        //   bid same, 2 → 2: 0; asks gone (+∞ × 0) against 101 × 0.5: +0.5        → 0.5
        //   bid same: 0; ask 100.8 × 4 against +∞ × 0: −4                         → −4
        assertThat(rows).extracting(OfiRow::ofiL1).containsExactly(2.5, 0.5, -4.0);
        assertThat(rows).extracting(OfiRow::bestBid).containsExactly(100.5, 100.5, 100.5);
        assertThat(rows).extracting(OfiRow::bestAsk).containsExactly(101.0, Double.NaN, 100.8);
        h.close();
    }

    /**
     * The rows of the books after the first {@code before} of {@link #BOOKS}: those seen by the
     * function of the test above, snapshotted, and the rest by one with other settings restored from it.
     */
    private static List<OfiRow> resumedWith(int before, int window, double emaAlpha, double depthHalfLifeSec)
            throws Exception {
        var first = harness(null);
        KeyedHarness.feed(first, BOOKS.subList(0, before), BookTop::eventTimeMs);
        OperatorSubtaskState snapshot = first.snapshot(1L, before);
        first.close();
        var resumed = harness(window, emaAlpha, depthHalfLifeSec, snapshot);
        KeyedHarness.feed(resumed, BOOKS.subList(before, BOOKS.size()), BookTop::eventTimeMs);
        List<OfiRow> rows = List.copyOf(resumed.extractOutputValues());
        resumed.close();
        return rows;
    }

    @Test
    void resumedWithAnotherEmaAlphaTheNextRowBlendsWithIt() throws Exception {
        // 0.875 + 0.25 · (−5/24 − 0.875), where α = 0.5 gave 1/3
        OfiRow row = resumedWith(3, 3, 0.25, 0.1).get(0);
        assertThat(row.ofiValue()).isCloseTo(-5 / 24.0, offset(1e-12));
        assertThat(row.ofiEma()).isCloseTo(29 / 48.0, offset(1e-12));
    }

    @Test
    void resumedWithAnotherDepthHalfLifeTheNextRowDecaysWithIt() throws Exception {
        // the weight 1.75 of the depth average 2 (at 1200 ms), 100 ms later with a half-life of
        // 200 ms, weighs 1.75 · 2^(−1/2) against the new book's 2.75 (the old 100 ms gave 2.4)
        double w = 1.75 * Math.pow(2, -0.5);
        double depth = (w * 2 + 2.75) / (w + 1);
        OfiRow row = resumedWith(3, 3, 0.5, 0.2).get(0);
        assertThat(row.scale()).isCloseTo(depth, offset(1e-12));
        assertThat(row.ofiValue()).isCloseTo(-0.5 / depth, offset(1e-12));
    }

    @Test
    void resumedWithAShorterWindowTheNewestValuesStay() throws Exception {
        // window {0.75, 1, −5/24} → {1, −5/24}, then 0 evicts 1: {−5/24, 0}, z(0) = +1
        OfiRow row = resumedWith(4, 2, 0.5, 0.1).get(0);
        assertThat(row.ofiValue()).isZero();
        assertThat(row.ofiZ()).isCloseTo(1.0, offset(1e-12));
        assertThat(row.warmup()).isFalse();
    }

    @Test
    void resumedWithALongerWindowAllValuesStayAndItWarmsUpAgain() throws Exception {
        // {0.75, 1, −5/24, 0} = {18, 24, −5, 0}/24: mean 37/96, z(0) = −mean/std
        double[] window = {0.75, 1, -5 / 24.0, 0};
        double mean = 37 / 96.0;
        double variance = 0;
        for (double x : window) {
            variance += (x - mean) * (x - mean) / window.length;
        }
        OfiRow row = resumedWith(4, 5, 0.5, 0.1).get(0);
        assertThat(row.ofiZ()).isCloseTo(-mean / Math.sqrt(variance), offset(1e-12));
        assertThat(row.warmup()).isTrue();
    }

    private static Comparator<Double> close() {
        return (a, b) -> Math.abs(a - b) <= 1e-12 ? 0 : Double.compare(a, b);
    }

    @Test
    void symbolsKeepSeparateState() throws Exception {
        var h = harness(null);
        h.processElement(book("BTCUSDT", 1, d(100, 99), d(1, 1), d(101, 102), d(1, 1)), 1);
        h.processElement(book("ETHUSDT", 2, d(10, 9), d(5, 5), d(11, 12), d(5, 5)), 2);
        h.processElement(book("BTCUSDT", 3, d(100, 99), d(2, 1), d(101, 102), d(1, 1)), 3);
        assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.symbol()).isEqualTo("BTCUSDT");
            // raw 0.5 over BTCUSDT's own depth only (ETHUSDT's queues of 5 stay apart): the mean
            // depth 1, then 1.25 two ms later, weighted 2^(−2/100) : 1
            double decay = Math.pow(2, -0.02);
            assertThat(r.scale()).isCloseTo((decay + 1.25) / (decay + 1), offset(1e-12));
            assertThat(r.ofiValue()).isCloseTo(0.5 / r.scale(), offset(1e-12));
        });
        assertThat(h.numKeyedStateEntries()).isEqualTo(4);
        h.close();
    }

    @Test
    void restoredFromASnapshotContinuesExactlyAsWithout() throws Exception {
        List<BookTop> books = randomBooks(200);
        var uninterrupted = harness(null);
        KeyedHarness.feed(uninterrupted, books, BookTop::eventTimeMs);
        List<OfiRow> expected = new ArrayList<>(uninterrupted.extractOutputValues());
        uninterrupted.close();

        var first = harness(null);
        KeyedHarness.feed(first, books.subList(0, 77), BookTop::eventTimeMs);
        List<OfiRow> actual = new ArrayList<>(first.extractOutputValues());
        OperatorSubtaskState snapshot = first.snapshot(1L, 77L);
        first.close();

        var restored = harness(snapshot);
        KeyedHarness.feed(restored, books.subList(77, books.size()), BookTop::eventTimeMs);
        actual.addAll(restored.extractOutputValues());
        restored.close();

        assertThat(actual).hasSize(books.size() - 2); // the first book of each symbol sets the reference
        assertThat(actual).isEqualTo(expected);
    }

    /** Random two-level books for two symbols, interleaved. */
    static List<BookTop> randomBooks(int n) {
        SplittableRandom random = new SplittableRandom(3);
        List<BookTop> books = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String symbol = i % 3 == 0 ? "ETHUSDT" : "BTCUSDT";
            double bid = 100 + random.nextInt(3);
            books.add(book(symbol, 1000L + 10L * i,
                    d(bid, bid - 1), d(random.nextDouble(0.1, 5), random.nextDouble(0.1, 5)),
                    d(bid + 1, bid + 2), d(random.nextDouble(0.1, 5), random.nextDouble(0.1, 5))));
        }
        return books;
    }

    @Test
    void measuresReceiveToRowOfTheBooksThatGiveARow() throws Exception {
        RegisteredMetrics metrics = new RegisteredMetrics();
        try (var h = KeyedHarness.openWithMetrics(new OfiFunction(WEIGHTS, 3, 0.5, 0.1, true), BookTop::symbol, metrics)) {
            // received 5 ms after their event time; rows 3, 7 and 1 ms after receipt (the first book gives none)
            long[] delays = {100, 3, 7, 1};
            for (int i = 0; i < 4; i++) {
                BookTop book = BOOKS.get(i);
                h.setProcessingTime(book.receiveTimeMs() + delays[i]);
                h.processElement(book, book.eventTimeMs());
            }
            h.setProcessingTime(60_000); // opens the next minute
            h.processElement(BOOKS.get(4), BOOKS.get(4).eventTimeMs());
            assertThat(h.extractOutputValues()).hasSize(4);
            // n = 3 (1, 3, 7 ms): ranks ceil(0.5·3) = 2 and ceil(0.95·3) = 3
            assertThat(metrics.gauge(ProcessingLatency.KIND, "ofi", ProcessingLatency.P50).getValue()).isEqualTo(3.0);
            assertThat(metrics.gauge(ProcessingLatency.KIND, "ofi", ProcessingLatency.P95).getValue()).isEqualTo(7.0);
        }
    }
}
