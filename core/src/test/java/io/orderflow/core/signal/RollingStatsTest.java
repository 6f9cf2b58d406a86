package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingStatsTest {

    @Test
    void warmsUpThenSlides() {
        RollingStats s = new RollingStats(3);

        s.add(1);
        assertThat(s.isFull()).isFalse();
        assertThat(s.isStdZero()).isTrue(); // one value has no spread
        assertThat(s.zScore(1)).isZero();

        s.add(2); // mean 1.5, std 0.5
        assertThat(s.isFull()).isFalse();
        assertThat(s.mean()).isEqualTo(1.5);
        assertThat(s.std()).isEqualTo(0.5);
        assertThat(s.zScore(2)).isEqualTo(1.0);

        s.add(3); // {1,2,3}: mean 2, variance 2/3
        assertThat(s.isFull()).isTrue();
        assertThat(s.zScore(3)).isCloseTo(1 / Math.sqrt(2 / 3.0), offset(1e-12));

        s.add(6); // {2,3,6}: mean 11/3, variance 26/9, z = (7/3) / (√26/3) = 7/√26
        assertThat(s.mean()).isCloseTo(11 / 3.0, offset(1e-12));
        assertThat(s.std()).isCloseTo(Math.sqrt(26) / 3, offset(1e-12));
        assertThat(s.zScore(6)).isCloseTo(7 / Math.sqrt(26), offset(1e-12));
    }

    @Test
    void constantWindowHasZeroDispersionAndZeroZ() {
        RollingStats s = new RollingStats(4);
        for (int i = 0; i < 10; i++) {
            s.add(60123.7);
        }
        assertThat(s.isStdZero()).isTrue();
        assertThat(s.zScore(60123.7)).isZero();
        assertThat(s.zScore(70000)).isZero(); // never ±∞
    }

    @Test
    void allZerosHaveZeroDispersion() {
        RollingStats s = new RollingStats(2);
        s.add(0);
        s.add(0);
        s.add(0);
        assertThat(s.isStdZero()).isTrue();
        assertThat(s.zScore(0)).isZero();
    }

    @Test
    void agreesWithADirectComputationAfterAMillionUpdates() {
        int window = 300;
        RollingStats s = new RollingStats(window);
        SplittableRandom random = new SplittableRandom(7);
        double[] last = new double[window];
        int n = 1_000_003; // ends mid-window, between two recomputations
        for (int i = 0; i < n; i++) {
            double x = 1e4 + random.nextGaussian() * (1 + (i % 1000));
            s.add(x);
            last[i % window] = x;
        }
        double mean = 0;
        for (double x : last) {
            mean += x / window;
        }
        double var = 0;
        for (double x : last) {
            var += (x - mean) * (x - mean) / window;
        }
        assertThat(s.mean()).isCloseTo(mean, offset(1e-9));
        assertThat(s.std()).isCloseTo(Math.sqrt(var), offset(1e-9));
    }

    @Test
    void resizingKeepsTheNewestValuesInArrivalOrder() {
        RollingStats s = new RollingStats(3);
        for (double x : new double[] {1, 2, 3, 6}) {
            s.add(x);
        }
        assertThat(s.resizedTo(3)).isSameAs(s);
        // {2, 3, 6} → the newest two {3, 6}: mean 4.5, std 1.5, full
        RollingStats shorter = s.resizedTo(2);
        assertThat(shorter.isFull()).isTrue();
        assertThat(shorter.mean()).isEqualTo(4.5);
        assertThat(shorter.std()).isEqualTo(1.5);
        shorter.add(0); // evicts 3, the oldest kept: {6, 0}
        assertThat(shorter.mean()).isEqualTo(3.0);
        // all of {2, 3, 6} in a window of 5: not full; mean 11/3, then {2, 3, 6, 1}: mean 3
        RollingStats longer = s.resizedTo(5);
        assertThat(longer.isFull()).isFalse();
        assertThat(longer.mean()).isCloseTo(11 / 3.0, offset(1e-12));
        longer.add(1);
        longer.add(3);
        assertThat(longer.isFull()).isTrue();
        assertThat(longer.mean()).isEqualTo(3.0);
        longer.add(8); // evicts 2, the oldest: {3, 6, 1, 3, 8}, mean 21/5
        assertThat(longer.mean()).isCloseTo(4.2, offset(1e-12));
    }

    @Test
    void rejectsAWindowTooShortForADispersion() {
        assertThatThrownBy(() -> new RollingStats(1)).hasMessageContaining("at least 2");
    }
}
