package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.data.Offset.offset;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import io.orderflow.core.signal.ActivityRegime;
import io.orderflow.core.signal.RobustScaleSettings;
import io.orderflow.core.signal.RobustZScore;
import io.orderflow.core.signal.ScaleMode;
import io.orderflow.core.signal.ZMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CvdFunctionTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, Trade, CvdRow> harness(
            ZMode zMode, double winsorLimit, OperatorSubtaskState restoreFrom) throws Exception {
        return harness(zMode, new RobustScaleSettings(ScaleMode.EWMA, 1.0, 4, 0.5, 0.2, winsorLimit), restoreFrom);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Trade, CvdRow> harness(
            ZMode zMode, RobustScaleSettings settings, OperatorSubtaskState restoreFrom) throws Exception {
        return KeyedHarness.open(() -> new CvdFunction(zMode, settings), Trade::symbol, restoreFrom);
    }

    /** +2 and −1 at 0 ms, +3 one half-life later: deltas 2, −1, 3; CVD 2, 1, 4. */
    private static List<CvdRow> threeTrades(ZMode zMode, double winsorLimit) throws Exception {
        var h = harness(zMode, winsorLimit, null);
        KeyedHarness.feed(h, List.of(
                trade("BTCUSDT", 0, 2.0, false, 1),
                trade("BTCUSDT", 0, 1.0, true, 2),
                trade("BTCUSDT", 1000, 3.0, false, 3)),
                Trade::eventTimeMs);
        List<CvdRow> rows = List.copyOf(h.extractOutputValues());
        h.close();
        return rows;
    }

    private static Trade trade(String symbol, long t, double qty, boolean buyerIsMaker, long id) {
        return new Trade(symbol, t + 1, t, t + 3, 100, qty, id, TakerSide.fromBuyerIsMaker(buyerIsMaker));
    }

    @Test
    void accumulatesSignedTakerVolume() throws Exception {
        var h = harness(ZMode.DELTA, 8, null);
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
        assertThat(rows).extracting(CvdRow::regime).containsOnly(ActivityRegime.NORMAL);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void eachRowCarriesTheIdOfItsTradeWhichOrdersTradesOfOneMillisecond() throws Exception {
        var h = harness(ZMode.DELTA, 8, null);
        KeyedHarness.feed(h, List.of(
                trade("BTCUSDT", 1000, 1.0, false, 5_000_000_001L),
                trade("BTCUSDT", 1000, 2.0, true, 5_000_000_002L),
                trade("BTCUSDT", 1000, 0.5, false, 5_000_000_007L)),
                Trade::eventTimeMs);
        assertThat(h.extractOutputValues()).extracting(CvdRow::tsMs, CvdRow::aggTradeId, CvdRow::cvd).containsExactly(
                tuple(1000L, 5_000_000_001L, 1.0),
                tuple(1000L, 5_000_000_002L, -1.0),
                tuple(1000L, 5_000_000_007L, -0.5));
        h.close();
    }

    @Test
    void deltaModeScoresEachTradesSignedVolumeAgainstItsDecayingMean() throws Exception {
        List<CvdRow> rows = threeTrades(ZMode.DELTA, 8);
        // 2: first value, z 0. −1: r = −3, no scale yet, z 0; learnt: μ = 0.5, mean r² = 4.5,
        // residuals {0, −3}. 3 (1 s later, weights halved): r = 3 − 0.5 = 2.5, scale √4.5
        // (floor 0.5 · 1.4826 · MAD{0, −3} = 0.5 · 1.4826 · 1.5 = 1.11 does not bind)
        assertThat(rows).extracting(CvdRow::zRaw).containsExactly(0.0, 0.0, 2.5 / Math.sqrt(4.5));
        CvdRow last = rows.get(2);
        assertThat(last.scale()).isCloseTo(Math.sqrt(4.5), offset(1e-12));
        assertThat(last.sigmaFloor()).isCloseTo(0.5 * 1.4826 * 1.5, offset(1e-12));
        assertThat(last.floorUsed()).isFalse();
        assertThat(last.zCvd()).isEqualTo(last.zRaw());
    }

    @Test
    void levelModeScoresCvdAgainstItsOwnSlowTrend() throws Exception {
        List<CvdRow> rows = threeTrades(ZMode.LEVEL, 8);
        // CVD 2: first value. CVD 1: r = −1; learnt: trend 1.5, mean r² = 0.5, residuals {0, −1}.
        // CVD 4: r = 4 − 1.5 = 2.5, scale √0.5 (floor 0.5 · 1.4826 · 0.5 = 0.37 does not bind)
        assertThat(rows).extracting(CvdRow::zRaw).containsExactly(0.0, 0.0, 2.5 / Math.sqrt(0.5));
        assertThat(rows.get(2).scale()).isCloseTo(Math.sqrt(0.5), offset(1e-12));
        assertThat(rows.get(2).sigmaFloor()).isCloseTo(0.5 * 1.4826 * 0.5, offset(1e-12));
    }

    @Test
    void zCvdIsZRawWinsorised() throws Exception {
        CvdRow last = threeTrades(ZMode.LEVEL, 1.0).get(2);
        assertThat(last.zRaw()).isCloseTo(2.5 / Math.sqrt(0.5), offset(1e-12));
        assertThat(last.zCvd()).isEqualTo(1.0);
    }

    @Test
    void reportsTheMedianScaleAndTheFloorHitRateOfRecentRowsAsGauges() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        RobustScaleSettings settings = new RobustScaleSettings(ScaleMode.EWMA, 1.0, 4, 1.8, 0.2, 8);
        try (var h = KeyedHarness.openWithMetrics(new CvdFunction(ZMode.DELTA, settings), Trade::symbol, metrics)) {
            Gauge<?> median = (Gauge<?>) metrics.get("cvd_scale_median");
            Gauge<?> floorHits = (Gauge<?>) metrics.get("cvd_floor_hit_rate");
            assertThat(median.getValue()).isEqualTo(Double.NaN);
            assertThat(floorHits.getValue()).isEqualTo(0.0);
            KeyedHarness.feed(h, List.of(
                    trade("BTCUSDT", 0, 2.0, false, 1),
                    trade("BTCUSDT", 0, 1.0, true, 2),
                    trade("BTCUSDT", 1000, 3.0, false, 3)),
                    Trade::eventTimeMs);
            // scales 0, 0 (no history), then the floor 1.8 · 1.4826 · 1.5 = 4.0 over σ_slow = √4.5
            assertThat(h.extractOutputValues()).extracting(CvdRow::floorUsed).containsExactly(false, false, true);
            assertThat(median.getValue()).isEqualTo(0.0);
            assertThat((Double) floorHits.getValue()).isCloseTo(1 / 3.0, offset(1e-12));
        }
    }

    @Test
    void resumedWithAnotherWinsorLimitTheNextRowIsClippedByIt() throws Exception {
        // the third trade of levelModeScoresCvdAgainstItsOwnSlowTrend, after a resume with L = 1: z = 1, not 3.5
        var first = harness(ZMode.LEVEL, 8, null);
        KeyedHarness.feed(first, List.of(trade("BTCUSDT", 0, 2.0, false, 1), trade("BTCUSDT", 0, 1.0, true, 2)),
                Trade::eventTimeMs);
        OperatorSubtaskState snapshot = first.snapshot(1L, 0L);
        first.close();
        var resumed = harness(ZMode.LEVEL, 1.0, snapshot);
        resumed.processElement(trade("BTCUSDT", 1000, 3.0, false, 3), 1000);
        CvdRow row = resumed.extractOutputValues().get(0);
        resumed.close();
        assertThat(row.cvd()).isEqualTo(4.0);
        assertThat(row.zRaw()).isCloseTo(2.5 / Math.sqrt(0.5), offset(1e-12));
        assertThat(row.zCvd()).isEqualTo(1.0);
    }

    /** Settings A, and for each knob the settings after a resume that changed only it. */
    private static final RobustScaleSettings BEFORE = new RobustScaleSettings(ScaleMode.HYBRID, 1.0, 4, 0.5, 0.2, 2.0);

    static List<RobustScaleSettings> changedSettings() {
        return List.of(
                new RobustScaleSettings(ScaleMode.EWMA, 1.0, 4, 0.5, 0.2, 2.0), // SCALE_MODE
                new RobustScaleSettings(ScaleMode.MAD, 1.0, 4, 0.5, 0.2, 2.0),
                new RobustScaleSettings(ScaleMode.HYBRID, 0.05, 4, 0.5, 0.2, 2.0), // HALF_LIFE_SEC
                new RobustScaleSettings(ScaleMode.HYBRID, 1.0, 2, 0.5, 0.2, 2.0), // CVD_WINDOW shorter
                new RobustScaleSettings(ScaleMode.HYBRID, 1.0, 9, 0.5, 0.2, 2.0), // CVD_WINDOW longer
                new RobustScaleSettings(ScaleMode.HYBRID, 1.0, 4, 1.8, 0.2, 2.0), // MAD_MULTIPLIER
                new RobustScaleSettings(ScaleMode.HYBRID, 1.0, 4, 0.5, 0.9, 2.0), // SCALE_FAST_WEIGHT
                new RobustScaleSettings(ScaleMode.HYBRID, 1.0, 4, 0.5, 0.2, 0.5)); // WINSOR_LIMIT
    }

    /**
     * After a resume with other settings the rows follow them: each symbol's estimator, fed the trades
     * before the snapshot with the old settings, goes on with the new ones, and the rows differ from
     * those the old settings would have given.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("changedSettings")
    void resumedWithAnotherSettingTheRowsFollowIt(RobustScaleSettings after) throws Exception {
        List<Trade> trades = randomTrades();
        int cut = 123;
        List<CvdRow> rows = resumedAt(cut, trades, ZMode.DELTA, after);

        Map<String, RobustZScore> scores = new HashMap<>();
        List<List<Object>> expected = new ArrayList<>();
        List<List<Object>> unchanged = new ArrayList<>();
        Map<String, RobustZScore> oldScores = new HashMap<>();
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            RobustZScore z = scores.computeIfAbsent(t.symbol(), s -> BEFORE.newScore());
            RobustZScore old = oldScores.computeIfAbsent(t.symbol(), s -> BEFORE.newScore());
            double zCvd = z.update(i < cut ? BEFORE : after, t.tradeTimeMs(), t.signedQty());
            double oldZCvd = old.update(BEFORE, t.tradeTimeMs(), t.signedQty());
            if (i >= cut) {
                expected.add(List.of(z.zRaw, zCvd, z.scale, z.sigmaFloor, z.floorUsed));
                unchanged.add(List.of(old.zRaw, oldZCvd, old.scale, old.sigmaFloor, old.floorUsed));
            }
        }
        List<List<Object>> actual = rows.stream()
                .map(r -> List.<Object>of(r.zRaw(), r.zCvd(), r.scale(), r.sigmaFloor(), r.floorUsed()))
                .toList();
        assertThat(actual).hasSize(trades.size() - cut).isEqualTo(expected).isNotEqualTo(unchanged);
    }

    /** Z_MODE delta, then level after the resume: the same estimator goes on, fed each symbol's CVD. */
    @Test
    void resumedWithAnotherZModeTheRowsScoreTheOtherQuantity() throws Exception {
        List<Trade> trades = randomTrades();
        int cut = 123;
        List<CvdRow> rows = resumedAt(cut, trades, ZMode.LEVEL, BEFORE);

        Map<String, RobustZScore> scores = new HashMap<>();
        Map<String, Double> cvd = new HashMap<>();
        List<List<Double>> expected = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            RobustZScore z = scores.computeIfAbsent(t.symbol(), s -> BEFORE.newScore());
            double level = cvd.merge(t.symbol(), t.signedQty(), Double::sum);
            double zCvd = z.update(BEFORE, t.tradeTimeMs(), i < cut ? t.signedQty() : level);
            if (i >= cut) {
                expected.add(List.of(level, z.zRaw, zCvd));
            }
        }
        assertThat(rows.stream().map(r -> List.of(r.cvd(), r.zRaw(), r.zCvd())).toList()).isEqualTo(expected);
    }

    /** The rows after a resume at trade {@code cut}: delta mode and {@link #BEFORE} up to it, then the given ones. */
    private static List<CvdRow> resumedAt(int cut, List<Trade> trades, ZMode zMode, RobustScaleSettings settings)
            throws Exception {
        var first = harness(ZMode.DELTA, BEFORE, null);
        KeyedHarness.feed(first, trades.subList(0, cut), Trade::eventTimeMs);
        OperatorSubtaskState snapshot = first.snapshot(1L, cut);
        first.close();
        var resumed = harness(zMode, settings, snapshot);
        KeyedHarness.feed(resumed, trades.subList(cut, trades.size()), Trade::eventTimeMs);
        List<CvdRow> rows = List.copyOf(resumed.extractOutputValues());
        resumed.close();
        return rows;
    }

    /** Trades of two symbols, interleaved, 7 ms apart. */
    private static List<Trade> randomTrades() {
        SplittableRandom random = new SplittableRandom(11);
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            trades.add(trade(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT", 1000L + i * 7L,
                    random.nextDouble(0.001, 3), random.nextBoolean(), i));
        }
        return trades;
    }

    @Test
    void restoredFromASnapshotContinuesExactlyAsWithout() throws Exception {
        List<Trade> trades = randomTrades();
        var uninterrupted = harness(ZMode.LEVEL, 2, null);
        KeyedHarness.feed(uninterrupted, trades, Trade::eventTimeMs);
        List<CvdRow> expected = new ArrayList<>(uninterrupted.extractOutputValues());
        uninterrupted.close();

        var first = harness(ZMode.LEVEL, 2, null);
        KeyedHarness.feed(first, trades.subList(0, 123), Trade::eventTimeMs);
        List<CvdRow> actual = new ArrayList<>(first.extractOutputValues());
        OperatorSubtaskState snapshot = first.snapshot(1L, 123L);
        first.close();
        var restored = harness(ZMode.LEVEL, 2, snapshot);
        KeyedHarness.feed(restored, trades.subList(123, trades.size()), Trade::eventTimeMs);
        actual.addAll(restored.extractOutputValues());
        restored.close();

        assertThat(actual).hasSize(300).isEqualTo(expected);
    }
}
