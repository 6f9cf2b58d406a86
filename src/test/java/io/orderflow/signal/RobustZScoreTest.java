package io.orderflow.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RobustZScoreTest {

    @Test
    void oddWindowMedianAndMadIgnoreTheOutlier() {
        RobustZScore z = new RobustZScore(5);
        for (double x : new double[] {1, 2, 3, 4, 100}) {
            z.add(x);
        }
        // median 3; |x − 3| = 2, 1, 0, 1, 97 → MAD 1 → scale 1.4826
        assertThat(z.median()).isEqualTo(3.0);
        assertThat(z.scale()).isCloseTo(1.4826, offset(1e-12));
        assertThat(z.zScore(100)).isCloseTo(97 / 1.4826, offset(1e-9));
        assertThat(z.isFull()).isTrue();
    }

    @Test
    void evenWindowTakesTheMeanOfTheMiddlePair() {
        RobustZScore z = new RobustZScore(10);
        for (double x : new double[] {4, 1, 3, 2}) {
            z.add(x);
        }
        // median 2.5; deviations 1.5, 0.5, 0.5, 1.5 → MAD 1.0
        assertThat(z.median()).isEqualTo(2.5);
        assertThat(z.zScore(4)).isCloseTo(1.5 / 1.4826, offset(1e-12));
        assertThat(z.isFull()).isFalse();
    }

    @Test
    void theOldestValueIsEvicted() {
        RobustZScore z = new RobustZScore(3);
        for (double x : new double[] {1, 2, 3, 10}) {
            z.add(x);
        }
        // window {2, 3, 10}: median 3, deviations 1, 0, 7 → MAD 1
        assertThat(z.zScore(10)).isCloseTo(7 / 1.4826, offset(1e-12));
    }

    @Test
    void noDispersionGivesZeroNotInfinity() {
        RobustZScore z = new RobustZScore(3);
        z.add(5);
        z.add(5);
        z.add(9); // median 5, deviations 0, 0, 4 → MAD 0
        assertThat(z.scale()).isZero();
        assertThat(z.zScore(9)).isZero();
    }

    @Test
    void rejectsAWindowOfOne() {
        assertThatThrownBy(() -> new RobustZScore(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
