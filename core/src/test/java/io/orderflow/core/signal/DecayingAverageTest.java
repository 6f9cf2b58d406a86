package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class DecayingAverageTest {

    @Test
    void weightsHalveEveryHalfLifeOfElapsedTime() {
        DecayingAverage average = new DecayingAverage();
        assertThat(average.isEmpty()).isTrue();
        assertThat(average.add(1.0, 0, 4)).isEqualTo(4.0);
        // 1 s later the 4 weighs 1/2: (0.5·4 + 10) / 1.5 = 8
        assertThat(average.add(1.0, 1_000, 10)).isCloseTo(8.0, offset(1e-12));
        // the same millisecond: no decay, the 2 still counts in full: (2 + 10 + 2) / 2.5 = 5.6
        assertThat(average.add(1.0, 1_000, 2)).isCloseTo(5.6, offset(1e-12));
        assertThat(average.weight()).isCloseTo(2.5, offset(1e-12));
        // 2 s later the old weight is a quarter: (0.25·14 + 0) / (0.625 + 1) = 3.5 / 1.625
        assertThat(average.add(1.0, 3_000, 0)).isCloseTo(3.5 / 1.625, offset(1e-12));
        assertThat(average.weight()).isCloseTo(1.625, offset(1e-12));
    }

    @Test
    void decaysByElapsedTimeNotByNumberOfEvents() {
        // Ten values of 1 within one millisecond, then a 0 one half-life later: the ten weigh 5.
        DecayingAverage burst = new DecayingAverage();
        for (int i = 0; i < 10; i++) {
            burst.add(600, 0, 1.0);
        }
        assertThat(burst.add(600, 600_000, 0.0)).isCloseTo(5.0 / 6.0, offset(1e-12));

        // The same ten values spread over the half-life weigh more: fewer of their half-lives passed.
        DecayingAverage spread = new DecayingAverage();
        for (int i = 0; i < 10; i++) {
            spread.add(600, i * 60_000L, 1.0);
        }
        assertThat(spread.add(600, 600_000, 0.0)).isGreaterThan(5.0 / 6.0);
    }

    @Test
    void anEarlierTimeCountsAsSimultaneous() {
        DecayingAverage average = new DecayingAverage();
        average.add(1.0, 5_000, 3);
        assertThat(average.add(1.0, 4_000, 1)).isCloseTo(2.0, offset(1e-12));
        assertThat(average.weight()).isEqualTo(2.0);
        // the clock stays at 5 s: one half-life on is 6 s, not 5 s
        average.add(1.0, 6_000, 0);
        assertThat(average.weight()).isCloseTo(2.0, offset(1e-12));
    }

    @Test
    void anotherHalfLifeDecaysFromTheNextObservationOn() {
        DecayingAverage average = new DecayingAverage();
        average.add(1.0, 0, 4);
        // 1 s is half of a 2 s half-life: the 4 weighs 2^(−1/2)
        double w = Math.pow(2, -0.5);
        assertThat(average.add(2.0, 1_000, 10)).isCloseTo((w * 4 + 10) / (w + 1), offset(1e-12));
        assertThat(average.weight()).isCloseTo(w + 1, offset(1e-12));
    }

    @Test
    void rejectsANonPositiveHalfLife() {
        assertThatThrownBy(() -> DecayingAverage.checkHalfLife(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("half-life");
    }
}
