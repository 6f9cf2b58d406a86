package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Golden vectors worked by hand. Every case starts with the same three values, half-life 1 s,
 * MAD window 4, winsor limit 2:
 *
 * <pre>
 *   t = 0 ms,    v = 1:  first value, μ := 1, r = 0, no scale yet → z = 0
 *   t = 0 ms,    v = −1: r = −2, still no scale → z = 0; learns r whole:
 *                        μ = (1 − 1)/2 = 0, mean r² = (0 + 4)/2 = 2, residuals {0, −2}
 *   t = 1000 ms, v = 3:  weights halve (2 → 1), means unchanged: μ = 0, r = 3,
 *                        σ_slow = √2, MAD{0, −2} = 1 → σ_fast = 1.4826
 * </pre>
 */
class RobustZScoreTest {

    private static final double FAST = RobustZScore.MAD_TO_SIGMA;

    /** The settings of the golden vectors, in {@code mode}. */
    private static RobustScaleSettings settings(ScaleMode mode, double madMultiplier, double fastWeight) {
        return new RobustScaleSettings(mode, 1.0, 4, madMultiplier, fastWeight, 2.0);
    }

    private static final RobustScaleSettings EWMA = settings(ScaleMode.EWMA, 0.5, 0.2);

    private static RobustZScore afterThree(ScaleMode mode, double madMultiplier, double fastWeight) {
        RobustScaleSettings settings = settings(mode, madMultiplier, fastWeight);
        RobustZScore z = settings.newScore();
        assertThat(z.update(settings, 0, 1)).isZero();
        assertThat(z.scale).isZero();
        assertThat(z.update(settings, 0, -1)).isZero();
        assertThat(z.zRaw).isZero();
        assertThat(z.location.mean()).isCloseTo(0.0, offset(1e-12));
        assertThat(z.meanSquare.mean()).isCloseTo(2.0, offset(1e-12));
        z.update(settings, 1_000, 3);
        return z;
    }

    @Test
    void ewmaScaleIsTheDecayingRootMeanSquareResidual() {
        RobustZScore z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        assertThat(z.scale).isCloseTo(Math.sqrt(2), offset(1e-12));
        assertThat(z.sigmaFloor).isCloseTo(0.5 * FAST, offset(1e-12));
        assertThat(z.floorUsed).isFalse();
        assertThat(z.zRaw).isCloseTo(3 / Math.sqrt(2), offset(1e-12));
    }

    @Test
    void outliersAreWinsorisedBeforeTheyUpdateTheEstimates() {
        RobustZScore z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        // z_raw = 2.12 is clipped to 2, so the estimators learn r = 2·√2, not 3:
        // μ = (1·0 + 2√2)/2 = √2 (not 1.5); mean r² = (1·2 + 8)/2 = 5 (not 5.5)
        assertThat(z.update(EWMA, 1_000, Math.sqrt(2) + 100)).isEqualTo(2.0);
        // ... and were read before the value: the estimates after the third value
        assertThat(z.scale).isCloseTo(Math.sqrt(5), offset(1e-12));
        assertThat(z.zRaw).isCloseTo(100 / Math.sqrt(5), offset(1e-12));
    }

    @Test
    void theWinsorisedResidualsFeedTheMadWindow() {
        RobustZScore z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        // residuals {0, −2, 2√2}: median 0, distances {0, 2, 2√2} → MAD 2
        z.update(EWMA, 1_000, Math.sqrt(2));
        assertThat(z.zRaw).isZero();
        assertThat(z.sigmaFloor).isCloseTo(0.5 * 2 * FAST, offset(1e-12));
        assertThat(z.scale).isCloseTo(Math.sqrt(5), offset(1e-12));
    }

    @Test
    void hybridWeighsTheFastRobustScaleAgainstTheSlowOne() {
        RobustZScore z = afterThree(ScaleMode.HYBRID, 0.5, 0.2);
        double expected = 0.2 * FAST + 0.8 * Math.sqrt(2);
        assertThat(z.scale).isCloseTo(expected, offset(1e-12));
        assertThat(z.floorUsed).isFalse();
        assertThat(z.zRaw).isCloseTo(3 / expected, offset(1e-12));
        assertThat(afterThree(ScaleMode.HYBRID, 0.5, 0.0).scale).isCloseTo(Math.sqrt(2), offset(1e-12));
        assertThat(afterThree(ScaleMode.HYBRID, 0.5, 1.0).scale).isCloseTo(FAST, offset(1e-12));
    }

    @Test
    void theFloorBindsWhenTheScaleFallsBelowMadMultiplierRobustSigmas() {
        RobustZScore z = afterThree(ScaleMode.EWMA, 1.8, 0.2);
        // floor 1.8 · 1.4826 = 2.669 > √2
        assertThat(z.sigmaFloor).isCloseTo(1.8 * FAST, offset(1e-12));
        assertThat(z.floorUsed).isTrue();
        assertThat(z.scale).isEqualTo(z.sigmaFloor);
        assertThat(z.zRaw).isCloseTo(3 / (1.8 * FAST), offset(1e-12));
        // below the limit: learnt whole, μ = 3/2
        assertThat(z.location.mean()).isCloseTo(1.5, offset(1e-12));
    }

    @Test
    void madModeScalesByTheMadTimesTheMultiplierWhichIsTheFloorItself() {
        RobustZScore z = afterThree(ScaleMode.MAD, 1.8, 0.2);
        assertThat(z.scale).isCloseTo(1.8 * FAST, offset(1e-12));
        assertThat(z.sigmaFloor).isEqualTo(z.scale);
        assertThat(z.floorUsed).isFalse();
    }

    @Test
    void oneBlockTradeDoesNotBlindTheScale() {
        RobustScaleSettings settings = new RobustScaleSettings(ScaleMode.HYBRID, 600, 300, 1.8, 0.2, 8);
        RobustZScore z = settings.newScore();
        long t = 0;
        for (int i = 0; i < 2_000; i++) {
            z.update(settings, t += 100, i % 2 == 0 ? 1.0 : -1.0);
        }
        double before = z.scale;
        z.update(settings, t += 100, 1_000.0);
        assertThat(z.zRaw).isGreaterThan(100);
        z.update(settings, t += 100, 1.0);
        // learnt as 8 scales, the block raises the slow scale by a few per cent, not 1000/√W
        assertThat(z.scale).isBetween(before, 1.1 * before);
        assertThat(z.zRaw).isGreaterThan(0.2);
    }

    @Test
    void inALongQuietSpellTheFloorTakesOver() {
        // Heavy-tailed flow (0.01 lots, one 1-lot trade in 20) at 10 trades/s for 20 min: the slow
        // scale (RMS ≈ 0.22) is ~15 robust sigmas of the small lots (1.4826 · 0.01), so the floor at
        // 1.8 of them rarely binds.
        // Then only 0.01 lots, one a second, for 3 h: the slow scale first keeps the memory of the
        // large trades (time decay, not event decay), then forgets them, and the floor at 1.8 robust
        // sigmas of the recent trades stops its collapse.
        RobustScaleSettings settings = new RobustScaleSettings(ScaleMode.HYBRID, 600, 300, 1.8, 0.2, 8);
        RobustZScore z = settings.newScore();
        long t = 0;
        int busyFloorHits = 0;
        for (int i = 0; i < 12_000; i++) {
            double size = i % 20 == 0 ? 1.0 : 0.01;
            z.update(settings, t += 100, i % 2 == 0 ? size : -size);
            busyFloorHits += z.floorUsed ? 1 : 0;
        }
        assertThat(busyFloorHits).isLessThan(120);
        int earlyQuietHits = 0;
        int lateQuietHits = 0;
        for (int i = 0; i < 10_800; i++) {
            z.update(settings, t += 1_000, i % 2 == 0 ? 0.01 : -0.01);
            earlyQuietHits += i < 600 && z.floorUsed ? 1 : 0;
            lateQuietHits += i >= 7_200 && z.floorUsed ? 1 : 0;
        }
        assertThat(earlyQuietHits).isZero();
        assertThat(lateQuietHits).isEqualTo(3_600);
        // residuals ±0.01 around ~0: MAD 0.01
        assertThat(z.scale).isCloseTo(1.8 * FAST * 0.01, offset(1e-4));
    }

    // After the three values with EWMA (m 0.5, L 2): μ = 0, mean r² = 2 (weight 2), residuals {0, −2, 2√2}
    // (3 learnt as 2√2: see above). Each setting changed from then on applies to the very next value.

    @Test
    void aNewWinsorLimitAppliesFromTheNextValueOn() {
        RobustZScore z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        RobustScaleSettings wider = new RobustScaleSettings(ScaleMode.EWMA, 1.0, 4, 0.5, 0.2, 100);
        // μ = √2, scale √5: z = 100/√5 ≈ 44.7, under the new limit 100 (the old one gave 2)
        assertThat(z.update(wider, 1_000, Math.sqrt(2) + 100)).isCloseTo(100 / Math.sqrt(5), offset(1e-12));
        // and learnt whole: mean r² = (2·5 + 100²)/3
        assertThat(z.meanSquare.mean()).isCloseTo((10 + 10_000) / 3.0, offset(1e-9));
    }

    @Test
    void aNewHalfLifeDecaysFromTheNextValueOn() {
        RobustZScore z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        RobustScaleSettings slower = new RobustScaleSettings(ScaleMode.EWMA, 2.0, 4, 0.5, 0.2, 2.0);
        // 2 s later with a 2 s half-life the weight 2 halves once (the old 1 s would quarter it):
        // v = μ = √2 learns r = 0, mean r² = (1·5 + 0)/2
        z.update(slower, 3_000, Math.sqrt(2));
        assertThat(z.meanSquare.mean()).isCloseTo(2.5, offset(1e-12));
        assertThat(z.meanSquare.weight()).isCloseTo(2.0, offset(1e-12));
    }

    @Test
    void aNewModeMultiplierOrWeightScalesTheNextValue() {
        // MAD{0, −2, 2√2} = 2, σ_slow = √5
        RobustScaleSettings mad = settings(ScaleMode.MAD, 0.5, 0.2);
        RobustZScore z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        z.update(mad, 1_000, Math.sqrt(2));
        assertThat(z.scale).isCloseTo(0.5 * 2 * FAST, offset(1e-12));

        z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        z.update(settings(ScaleMode.EWMA, 1.8, 0.2), 1_000, Math.sqrt(2));
        assertThat(z.sigmaFloor).isCloseTo(1.8 * 2 * FAST, offset(1e-12));
        assertThat(z.floorUsed).isTrue();

        z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        z.update(settings(ScaleMode.HYBRID, 0.5, 0.5), 1_000, Math.sqrt(2));
        assertThat(z.scale).isCloseTo(0.5 * 2 * FAST + 0.5 * Math.sqrt(5), offset(1e-12));
    }

    @Test
    void aShorterMadWindowKeepsTheNewestResiduals() {
        RobustZScore z = afterThree(ScaleMode.EWMA, 0.5, 0.2);
        // window 2 keeps {−2, 2√2}: median √2 − 1, both distances √2 + 1
        z.update(new RobustScaleSettings(ScaleMode.EWMA, 1.0, 2, 0.5, 0.2, 2.0), 1_000, Math.sqrt(2));
        assertThat(z.sigmaFloor).isCloseTo(0.5 * FAST * (Math.sqrt(2) + 1), offset(1e-12));
        assertThat(z.recent.arrivals).hasSize(2);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new RobustScaleSettings(ScaleMode.MAD, 600, 300, 0, 0.2, 8))
                .hasMessageContaining("MAD multiplier");
        assertThatThrownBy(() -> new RobustScaleSettings(ScaleMode.MAD, 600, 300, 1.8, 1.5, 8))
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> new RobustScaleSettings(ScaleMode.MAD, 600, 300, 1.8, 0.2, 0))
                .hasMessageContaining("winsor");
        assertThatThrownBy(() -> new RobustScaleSettings(ScaleMode.MAD, 0, 300, 1.8, 0.2, 8))
                .hasMessageContaining("half-life");
        assertThatThrownBy(() -> new RobustScaleSettings(ScaleMode.MAD, 600, 1, 1.8, 0.2, 8))
                .hasMessageContaining("window");
    }
}
