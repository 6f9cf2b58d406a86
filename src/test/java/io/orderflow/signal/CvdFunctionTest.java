package io.orderflow.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.orderflow.model.CvdRow;
import io.orderflow.model.TakerSide;
import io.orderflow.model.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CvdFunctionTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, Trade, CvdRow> harness(
            double winsorLimit, OperatorSubtaskState restoreFrom) throws Exception {
        return KeyedHarness.open(() -> new CvdFunction(4, winsorLimit), Trade::symbol, restoreFrom);
    }

    private static Trade trade(String symbol, long t, double qty, boolean buyerIsMaker, long id) {
        return new Trade(symbol, t + 1, t, t + 3, 100, qty, id, TakerSide.fromBuyerIsMaker(buyerIsMaker));
    }

    @Test
    void accumulatesSignedTakerVolume() throws Exception {
        var h = harness(8, null);
        KeyedHarness.feed(h, List.of(
                trade("BTCUSDT", 1000, 2.0, false, 1), // taker buy  +2
                trade("BTCUSDT", 1001, 0.5, true, 2), //  taker sell −0.5
                trade("BTCUSDT", 1002, 1.5, true, 3), //  taker sell −1.5
                trade("BTCUSDT", 1003, 4.0, false, 4)), // taker buy +4
                Trade::eventTimeMs);
        List<CvdRow> rows = h.extractOutputValues();
        assertThat(rows).extracting(CvdRow::delta).containsExactly(2.0, -0.5, -1.5, 4.0);
        assertThat(rows).extracting(CvdRow::cvd).containsExactly(2.0, 1.5, 0.0, 4.0);
        assertThat(rows).extracting(CvdRow::tsMs).containsExactly(1000L, 1001L, 1002L, 1003L);
        // {2, −0.5, −1.5, 4}: mean 1, squared deviations 1, 2.25, 6.25, 9 → variance 4.625
        CvdRow last = rows.get(3);
        assertThat(last.scale()).isCloseTo(Math.sqrt(4.625), offset(1e-12));
        assertThat(last.zRaw()).isCloseTo(3 / Math.sqrt(4.625), offset(1e-12));
        assertThat(last.zCvd()).isEqualTo(last.zRaw());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.sigmaFloor()).isZero();
            assertThat(r.floorUsed()).isFalse();
        });
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void zCvdIsZRawWinsorised() throws Exception {
        var h = harness(1.0, null);
        KeyedHarness.feed(h, List.of(
                trade("ETHUSDT", 1, 1, false, 1), trade("ETHUSDT", 2, 1, true, 2),
                trade("ETHUSDT", 3, 1, false, 3), trade("ETHUSDT", 4, 9, false, 4)),
                Trade::eventTimeMs);
        CvdRow last = h.extractOutputValues().get(3);
        // {1, −1, 1, 9}: mean 2.5, variance (2.25 + 12.25 + 2.25 + 42.25)/4 = 14.75
        assertThat(last.zRaw()).isCloseTo(6.5 / Math.sqrt(14.75), offset(1e-12));
        assertThat(last.zCvd()).isEqualTo(1.0);
        h.close();
    }

    @Test
    void restoredFromASnapshotContinuesExactlyAsWithout() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            trades.add(trade(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT", 1000L + i * 7L,
                    random.nextDouble(0.001, 3), random.nextBoolean(), i));
        }
        var uninterrupted = harness(2, null);
        KeyedHarness.feed(uninterrupted, trades, Trade::eventTimeMs);
        List<CvdRow> expected = new ArrayList<>(uninterrupted.extractOutputValues());
        uninterrupted.close();

        var first = harness(2, null);
        KeyedHarness.feed(first, trades.subList(0, 123), Trade::eventTimeMs);
        List<CvdRow> actual = new ArrayList<>(first.extractOutputValues());
        OperatorSubtaskState snapshot = first.snapshot(1L, 123L);
        first.close();
        var restored = harness(2, snapshot);
        KeyedHarness.feed(restored, trades.subList(123, trades.size()), Trade::eventTimeMs);
        actual.addAll(restored.extractOutputValues());
        restored.close();

        assertThat(actual).hasSize(300).isEqualTo(expected);
    }
}
