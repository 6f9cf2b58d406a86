package io.orderflow.signal;

import static io.orderflow.signal.Books.book;
import static io.orderflow.signal.Books.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.orderflow.model.BookTop;
import io.orderflow.model.OfiRow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class OfiFunctionTest {

    private static final double[] WEIGHTS = {0.5, 0.5};

    private static KeyedOneInputStreamOperatorTestHarness<String, BookTop, OfiRow> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        return KeyedHarness.open(() -> new OfiFunction(WEIGHTS, 3, 0.5), BookTop::symbol, restoreFrom);
    }

    @Test
    void emitsOfiZAndEmaPerUpdateAfterTheFirstBook() throws Exception {
        var h = harness(null);
        // Two levels; level 1 bid queue +2, then +4, then level 2 ask queue −1 (ask added: −1).
        KeyedHarness.feed(h, List.of(
                book("BTCUSDT", 1000, d(100, 99), d(1, 1), d(101, 102), d(1, 1)),
                book("BTCUSDT", 1100, d(100, 99), d(3, 1), d(101, 102), d(1, 1)),
                book("BTCUSDT", 1200, d(100, 99), d(7, 1), d(101, 102), d(1, 1)),
                book("BTCUSDT", 1300, d(100, 99), d(7, 1), d(101, 102), d(1, 2))),
                BookTop::eventTimeMs);

        List<OfiRow> rows = h.extractOutputValues();
        assertThat(rows).hasSize(3);
        // ofi = 0.5·e1 + 0.5·e2: 1.0, 2.0, −0.5
        assertThat(rows).extracting(OfiRow::ofiValue).containsExactly(1.0, 2.0, -0.5);
        assertThat(rows).extracting(OfiRow::tsMs).containsExactly(1100L, 1200L, 1300L);
        // window {1}: no spread; {1,2}: z(2) = 1; {1,2,−0.5} full: mean 5/6, var 19/18·... see below
        assertThat(rows.get(0).stdZero()).isTrue();
        assertThat(rows.get(0).ofiZ()).isZero();
        assertThat(rows.get(0).warmup()).isTrue();
        assertThat(rows.get(1).ofiZ()).isEqualTo(1.0);
        assertThat(rows.get(1).warmup()).isTrue();
        // {1, 2, −0.5}: mean 5/6; squared deviations 1/36, 49/36, 64/36 → variance 114/108
        double z = (-0.5 - 5 / 6.0) / Math.sqrt(114 / 108.0);
        assertThat(rows.get(2).ofiZ()).isCloseTo(z, offset(1e-12));
        assertThat(rows.get(2).warmup()).isFalse();
        assertThat(rows.get(2).stdZero()).isFalse();
        // EMA α = 0.5: 1 → 1.5 → 0.5
        assertThat(rows).extracting(OfiRow::ofiEma).containsExactly(1.0, 1.5, 0.5);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.scale()).isEqualTo(1.0);
            assertThat(r.regime()).isEqualTo(ActivityRegime.NORMAL);
        });
        // state: previous book and stats for one symbol; no timers
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void symbolsKeepSeparateState() throws Exception {
        var h = harness(null);
        h.processElement(book("BTCUSDT", 1, d(100, 99), d(1, 1), d(101, 102), d(1, 1)), 1);
        h.processElement(book("ETHUSDT", 2, d(10, 9), d(5, 5), d(11, 12), d(5, 5)), 2);
        h.processElement(book("BTCUSDT", 3, d(100, 99), d(2, 1), d(101, 102), d(1, 1)), 3);
        assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.symbol()).isEqualTo("BTCUSDT");
            assertThat(r.ofiValue()).isEqualTo(0.5);
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
}
