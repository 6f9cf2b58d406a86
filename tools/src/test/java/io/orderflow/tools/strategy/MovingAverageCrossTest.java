package io.orderflow.tools.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.tools.strategy.MovingAverageCross.Action;
import io.orderflow.tools.strategy.MovingAverageCross.Decision;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The rule on closes worked out by hand: 2/3 averages over four closes, and the 5/20 the example runs. */
class MovingAverageCrossTest {

    private static final long T = 1_723_161_300_000L; // 2024-08-08T23:55:00Z
    private final MovingAverageCross twoThree = new MovingAverageCross(2, 3);

    @Test
    void aCrossAboveIsABuyOnlyWhenTheOrderFlowAgrees() {
        // now: fast (10+14)/2 = 12 above slow (8+10+14)/3 = 32/3; a bar before: fast (8+10)/2 = 9 below slow 30/3 = 10.
        // The 100 is older than either average reaches.
        double[] closes = {100, 12, 8, 10, 14};
        assertThat(twoThree.decide("BTCUSDT", T, closes, 0.8))
                .isEqualTo(new Decision(T, "BTCUSDT", Action.BUY, 12, 32.0 / 3, 0.8, "fast crossed above slow, order flow agrees"));
        assertThat(twoThree.decide("BTCUSDT", T, closes, -0.3))
                .isEqualTo(new Decision(T, "BTCUSDT", Action.HOLD, 12, 32.0 / 3, -0.3, "fast crossed above slow, order flow does not"));
        assertThat(twoThree.decide("BTCUSDT", T, closes, Double.NaN).why()).isEqualTo("fast crossed above slow, no fusion score yet");
        assertThat(twoThree.decide("BTCUSDT", T, closes, Double.NaN).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void aCrossBelowFromEqualAveragesIsASellWhenTheOrderFlowAgrees() {
        // now: fast (8+14)/2 = 11 below slow (12+8+14)/3 = 34/3; a bar before: fast (12+8)/2 = 10 equal to slow 30/3.
        double[] closes = {10, 12, 8, 14};
        assertThat(twoThree.decide("ETHUSDT", T, closes, -0.5))
                .isEqualTo(new Decision(T, "ETHUSDT", Action.SELL, 11, 34.0 / 3, -0.5, "fast crossed below slow, order flow agrees"));
        assertThat(twoThree.decide("ETHUSDT", T, closes, 0.5).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void noCrossIsAHoldSayingWhereFastIs() {
        // now: fast 12.5 above slow 12; a bar before: fast 11.5 above slow 11, already
        assertThat(twoThree.decide("BTCUSDT", T, new double[] {10, 11, 12, 13}, 2.0))
                .isEqualTo(new Decision(T, "BTCUSDT", Action.HOLD, 12.5, 12, 2.0, "no cross, fast above slow"));
    }

    @Test
    void tooFewBarsIsAHoldWithoutAverages() {
        Decision decision = twoThree.decide("BTCUSDT", T, new double[] {1, 2, 3}, 0.1);
        assertThat(decision.action()).isEqualTo(Action.HOLD);
        assertThat(decision.fastMa()).isNaN();
        assertThat(decision.slowMa()).isNaN();
        assertThat(decision.why()).isEqualTo("3 of the 4 bars needed");
    }

    @Test
    void theExamplesFiveTwentyOnTwentyFlatClosesAndAJump() {
        // twenty closes of 10, then 31: fast (4*10+31)/5 = 14.2, slow (19*10+31)/20 = 11.05; before both 10
        double[] closes = new double[21];
        Arrays.fill(closes, 10);
        closes[20] = 31;
        Decision decision = new MovingAverageCross(5, 20).decide("BTCUSDT", T, closes, 1.25);
        assertThat(decision).isEqualTo(new Decision(T, "BTCUSDT", Action.BUY, 14.2, 11.05, 1.25,
                "fast crossed above slow, order flow agrees"));
        assertThat(decision).hasToString("2024-08-08T23:55:00Z BTCUSDT   BUY  fast      14.2000 slow      11.0500"
                + " fusion  +1.25  fast crossed above slow, order flow agrees");
    }

    @Test
    void theFastAverageMustBeShorter() {
        assertThatThrownBy(() -> new MovingAverageCross(20, 20)).hasMessage("need 1 <= fast < slow, got 20 and 20");
    }
}
