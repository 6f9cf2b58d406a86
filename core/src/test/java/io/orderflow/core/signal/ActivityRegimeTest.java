package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityRegimeTest {

    @Test
    void normalWithoutHistoryThenActiveInABurstThenQuietInALull() {
        ActivityRegime regime = new ActivityRegime();
        long t = 0;
        assertThat(regime.record(t)).isEqualTo(ActivityRegime.NORMAL);
        for (int i = 0; i < 1200; i++) { // 20 min at 1 trade/s
            assertThat(regime.record(t += 1000)).isEqualTo(ActivityRegime.NORMAL);
        }
        String state = null;
        for (int i = 0; i < 100; i++) { // 10 s at 10/s: fast ≈ 6.5/s against slow ≈ 1.1/s
            state = regime.record(t += 100);
        }
        assertThat(state).isEqualTo(ActivityRegime.ACTIVE);
        for (int i = 0; i < 12; i++) { // 60 s at one every 5 s: fast ≈ 0.2/s
            state = regime.record(t += 5000);
        }
        assertThat(state).isEqualTo(ActivityRegime.QUIET);
    }

    @Test
    void aSteadyRateStaysNormalWhateverItsLevel() {
        ActivityRegime regime = new ActivityRegime();
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            assertThat(regime.record(t += 37)).isEqualTo(ActivityRegime.NORMAL);
        }
    }
}
