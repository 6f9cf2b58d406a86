package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwingPivotsTest {

    @Test
    void pivotsOfTheHandMadePathAreConfirmedOneBarLater() {
        SwingPivots pivots = new SwingPivots(1);
        List<String> confirmed = new ArrayList<>();
        for (int i = 0; i < PivotPaths.HIGH.length; i++) {
            for (Pivot p : pivots.add(i, PivotPaths.HIGH[i], PivotPaths.LOW[i], PivotPaths.CVD[i])) {
                confirmed.add("at " + i + ": " + (p.high() ? "high" : "low") + " bar " + p.barTimeMs()
                        + " price " + p.price() + " cvd " + p.cvd());
            }
        }
        assertThat(confirmed).containsExactly(
                "at 2: high bar 1 price 105.0 cvd 6.0",
                "at 3: low bar 2 price 98.0 cvd 2.0",
                "at 5: high bar 4 price 107.0 cvd 1.0",
                "at 6: low bar 5 price 97.0 cvd 4.0",
                "at 7: high bar 6 price 108.0 cvd 5.0",
                "at 9: low bar 8 price 98.5 cvd 2.0",
                "at 10: high bar 9 price 106.0 cvd 6.0");
    }

    @Test
    void aPivotNeedsNStrictlyLowerBarsOnEachSide() {
        SwingPivots pivots = new SwingPivots(2);
        double[] highs = {1, 2, 5, 3, 4, 9, 1, 2, 5, 5, 1, 0};
        List<Long> found = new ArrayList<>();
        for (int i = 0; i < highs.length; i++) {
            pivots.add(i, highs[i], -1000 + i, 0).stream().filter(Pivot::high).forEach(p -> found.add(p.barTimeMs()));
        }
        // bar 2 (5 > 1, 2, 3, 4) and bar 5 (9); bars 8 and 9 tie at 5: no pivot
        assertThat(found).containsExactly(2L, 5L);
    }

    @Test
    void anOutsideBarIsBothAHighAndALow() {
        SwingPivots pivots = new SwingPivots(1);
        pivots.add(0, 10, 5, 0);
        pivots.add(1, 12, 3, 0);
        assertThat(pivots.add(2, 11, 4, 0)).extracting(Pivot::high).containsExactly(true, false);
    }
}
