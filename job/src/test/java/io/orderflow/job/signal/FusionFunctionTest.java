package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.data.Offset.offset;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.signal.RollingMad;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FusionFunctionTest {

    private static final String BTC = "BTCUSDT";

    /** w_ofi 0.6, w_cvd 0.4, a robust window of 3 ticks, idle after 2 s. */
    private static KeyedTwoInputStreamOperatorTestHarness<String, OfiRow, CvdRow, FusionRow> harness() throws Exception {
        return harness(3, null);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, OfiRow, CvdRow, FusionRow> harness(
            int window, OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new FusionFunction(0.6, 0.4, window, 2)),
                OfiRow::symbol, CvdRow::symbol, Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    /** The three ticks of the test above (scores 2.6, 1.4, −1.6) in a window of 3, snapshotted. */
    private static OperatorSubtaskState afterThreeTicks() throws Exception {
        var h = harness();
        h.processElement1(ofi(100, 1.0), 100);
        h.processElement2(cvd(200, 2.0, "normal"), 200);
        h.processElement1(ofi(1000, 3.0), 1000);
        h.processElement2(cvd(1100, -1.0, "active"), 1100);
        h.processBothWatermarks(new Watermark(1000));
        h.processBothWatermarks(new Watermark(2000));
        h.processElement1(ofi(2500, -2.0), 2500);
        h.processBothWatermarks(new Watermark(3000));
        assertThat(h.extractOutputValues()).extracting(FusionRow::score).usingElementComparator(
                (a, b) -> Math.abs(a - b) <= 1e-12 ? 0 : Double.compare(a, b)).containsExactly(2.6, 1.4, -1.6);
        OperatorSubtaskState snapshot = h.snapshot(1L, 3000L);
        h.close();
        return snapshot;
    }

    /** The fourth tick, 0.6·1 + 0.4·(−1) = 0.2, resumed with a window of {@code window} ticks. */
    private static FusionRow fourthTickResumedWithWindow(int window) throws Exception {
        var h = harness(window, afterThreeTicks());
        h.processElement1(ofi(3500, 1.0), 3500);
        h.processBothWatermarks(new Watermark(4000));
        FusionRow row = h.extractOutputValues().get(0);
        h.close();
        assertThat(row.tsMs()).isEqualTo(4000);
        assertThat(row.score()).isCloseTo(0.2, offset(1e-12));
        return row;
    }

    @Test
    void resumedWithTheSameWindowTheTickGoesOn() throws Exception {
        // {1.4, −1.6, 0.2}: median 0.2 → z 0
        FusionRow row = fourthTickResumedWithWindow(3);
        assertThat(row.scoreZ()).isCloseTo(0.0, offset(1e-12));
        assertThat(row.warmup()).isFalse();
    }

    @Test
    void resumedWithAShorterWindowTheNewestScoresStay() throws Exception {
        // {−1.6, 0.2}: median −0.7, MAD 0.9 → z = 0.9/(1.4826·0.9)
        FusionRow row = fourthTickResumedWithWindow(2);
        assertThat(row.scoreZ()).isCloseTo(1 / 1.4826, offset(1e-9));
        assertThat(row.warmup()).isFalse();
    }

    @Test
    void resumedWithALongerWindowAllScoresStayAndItWarmsUpAgain() throws Exception {
        // {2.6, 1.4, −1.6, 0.2}: median 0.8; deviations 1.8, 0.6, 2.4, 0.6 → MAD 1.2 → z = −0.6/(1.4826·1.2)
        FusionRow row = fourthTickResumedWithWindow(5);
        assertThat(row.scoreZ()).isCloseTo(-0.5 / 1.4826, offset(1e-9));
        assertThat(row.warmup()).isTrue();
    }

    private static OfiRow ofi(long t, double z) {
        return new OfiRow(t, BTC, 0.0, z, 1.0, "normal", 0.0, false, false, 100.0, 101.0, 0.0);
    }

    private static CvdRow cvd(long t, double z, String regime) {
        return new CvdRow(t, BTC, t, 0.0, 0.0, z, z, 1.0, 0.0, false, regime);
    }

    @Test
    void everySecondTheWeightedScoreOfTheLatestRowsAtOrBeforeTheTick() throws Exception {
        var h = harness();
        h.processElement1(ofi(100, 1.0), 100);
        h.processElement2(cvd(200, 2.0, "normal"), 200);
        h.processElement1(ofi(1000, 3.0), 1000); // at the tick: counts for it
        h.processElement2(cvd(1100, -1.0, "active"), 1100); // after the tick: held for the next one
        h.processBothWatermarks(new Watermark(1000));
        h.processBothWatermarks(new Watermark(2000));
        h.processElement1(ofi(2500, -2.0), 2500);
        h.processBothWatermarks(new Watermark(3000));

        List<FusionRow> rows = h.extractOutputValues();
        assertThat(rows).hasSize(3);
        // tick 1: 0.6·3 + 0.4·2 = 2.6; a window of one value has no dispersion → z 0
        assertThat(rows.get(0).score()).isCloseTo(2.6, offset(1e-12));
        assertThat(rows.get(0)).isEqualTo(
                new FusionRow(1000, BTC, rows.get(0).score(), 0.0, 3.0, 2.0, 1000, 200, "normal", true));
        // tick 2: 0.6·3 + 0.4·(−1) = 1.4; window {2.6, 1.4}: median 2.0, MAD 0.6 → z = −0.6/(1.4826·0.6)
        FusionRow second = rows.get(1);
        assertThat(second.score()).isCloseTo(1.4, offset(1e-12));
        assertThat(second.scoreZ()).isCloseTo(-1 / 1.4826, offset(1e-9));
        assertThat(second.cvdTsMs()).isEqualTo(1100);
        assertThat(second.regime()).isEqualTo("active");
        // tick 3: 0.6·(−2) + 0.4·(−1) = −1.6; window {2.6, 1.4, −1.6}: median 1.4, deviations 1.2, 0, 3
        // → MAD 1.2 → z = −3/(1.4826·1.2); the window is full: no longer warming up
        FusionRow third = rows.get(2);
        assertThat(third.score()).isCloseTo(-1.6, offset(1e-12));
        assertThat(third.scoreZ()).isCloseTo(-3 / (1.4826 * 1.2), offset(1e-9));
        assertThat(third.ofiTsMs()).isEqualTo(2500);
        assertThat(third.warmup()).isFalse();
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.close();
    }

    @Test
    void scoreZIsTheRobustZAgainstTheWindowThatOneOutlierCannotInflate() {
        RollingMad window = new RollingMad(5);
        for (double x : new double[] {1, 2, 3, 4, 100}) {
            window.add(x);
        }
        // median 3; |x − 3| = 2, 1, 0, 1, 97 → MAD 1 → scale 1.4826
        assertThat(FusionFunction.robustZ(window, 100)).isCloseTo(97 / 1.4826, offset(1e-9));
        RollingMad flat = new RollingMad(3);
        flat.add(5);
        flat.add(5);
        flat.add(9); // MAD 0: z 0, not infinity
        assertThat(FusionFunction.robustZ(flat, 9)).isZero();
    }

    @Test
    void rowsFarAheadOfTheWatermarkCountForTheirOwnSecond() throws Exception {
        var h = harness();
        // a fast replay: five seconds of rows arrive before the first watermark
        for (int second = 0; second < 5; second++) {
            h.processElement1(ofi(second * 1000L + 300, second), second * 1000L + 300);
            h.processElement2(cvd(second * 1000L + 600, 10 * second, "normal"), second * 1000L + 600);
            h.processElement1(ofi(second * 1000L + 900, second + 0.5), second * 1000L + 900);
        }
        h.processBothWatermarks(new Watermark(5000));
        // tick s sees the rows of (s − 1, s]: ofi z = (s − 1) + 0.5, cvd z = 10 (s − 1)
        assertThat(h.extractOutputValues()).extracting(FusionRow::tsMs, FusionRow::ofiZ, FusionRow::zCvd,
                        FusionRow::ofiTsMs, FusionRow::cvdTsMs)
                .containsExactly(
                        tuple(1000L, 0.5, 0.0, 900L, 600L),
                        tuple(2000L, 1.5, 10.0, 1900L, 1600L),
                        tuple(3000L, 2.5, 20.0, 2900L, 2600L),
                        tuple(4000L, 3.5, 30.0, 3900L, 3600L),
                        tuple(5000L, 4.5, 40.0, 4900L, 4600L));
        h.close();
    }

    @Test
    void anIdleSymbolStopsTickingAndLeavesNoStateOrTimer() throws Exception {
        var h = harness();
        h.processElement1(ofi(2500, 1.0), 2500);
        h.processElement2(cvd(2600, 1.0, "normal"), 2600);
        h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        // last input at 2600, idle after 2 s: ticks 3000, 4000 (1.4 s after), not 5000 (2.4 s after)
        assertThat(h.extractOutputValues()).extracting(FusionRow::tsMs).containsExactly(3000L, 4000L);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void noScoreUntilBothSignalsHaveARowAndALateRowDoesNotReplaceANewerOne() throws Exception {
        var h = harness();
        h.processElement1(ofi(500, 1.0), 500);
        h.processBothWatermarks(new Watermark(1000));
        assertThat(h.extractOutputValues()).isEmpty();
        h.processElement2(cvd(1500, 1.0, "quiet"), 1500);
        h.processElement2(cvd(1200, 5.0, "quiet"), 1200); // late and older than the one held
        h.processBothWatermarks(new Watermark(2000));
        assertThat(h.extractOutputValues()).singleElement()
                .satisfies(row -> {
                    assertThat(row.cvdTsMs()).isEqualTo(1500);
                    assertThat(row.score()).isCloseTo(0.6 + 0.4, offset(1e-12));
                });
        h.close();
    }
}
