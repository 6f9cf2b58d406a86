package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketNotice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DivergenceDetectorTest {

    private static List<String> divergences(long lookbackMs) {
        SwingPivots pivots = new SwingPivots(1);
        DivergenceDetector detector = new DivergenceDetector();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < PivotPaths.HIGH.length; i++) {
            for (Pivot p : pivots.add(i * 60_000L, PivotPaths.HIGH[i], PivotPaths.LOW[i], PivotPaths.CVD[i])) {
                DivergenceDetector.Divergence d = detector.onPivot(p, lookbackMs);
                if (d != null) {
                    found.add(d.type() + " " + d.previous().barTimeMs() / 60_000 + "→" + d.current().barTimeMs() / 60_000);
                }
            }
        }
        return found;
    }

    @Test
    void regularAndHiddenDivergencesOnTheHandMadePath() {
        assertThat(divergences(60 * 60_000L)).containsExactly(
                MarketNotice.BEARISH_DIVERGENCE + " 1→4",
                MarketNotice.BULLISH_DIVERGENCE + " 2→5",
                MarketNotice.HIDDEN_BULLISH_DIVERGENCE + " 5→8",
                MarketNotice.HIDDEN_BEARISH_DIVERGENCE + " 6→9");
    }

    @Test
    void pivotsFurtherApartThanTheLookbackAreNotCompared() {
        // highs 1→4 and lows 2→5 are 3 bars apart; 5→8 and 6→9 too: a lookback of 2 bars finds none
        assertThat(divergences(2 * 60_000L)).isEmpty();
        assertThat(divergences(3 * 60_000L)).hasSize(4);
    }

    @Test
    void equalPricesOrCvdsAreNoDivergence() {
        DivergenceDetector detector = new DivergenceDetector();
        detector.onPivot(new Pivot(true, 0, 100, 5), 1_000_000);
        assertThat(detector.onPivot(new Pivot(true, 1, 100, 1), 1_000_000)).isNull();
        assertThat(detector.onPivot(new Pivot(true, 2, 101, 1), 1_000_000)).isNull();
    }
}
