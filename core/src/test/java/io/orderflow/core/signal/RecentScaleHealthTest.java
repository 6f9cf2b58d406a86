package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentScaleHealthTest {

    @Test
    void medianScaleAndFloorHitRateOverTheLastRows() {
        RecentScaleHealth health = new RecentScaleHealth(4);
        assertThat(health.medianScale()).isNaN();
        assertThat(health.floorHitRate()).isZero();
        health.record(3.0, true);
        assertThat(health.medianScale()).isEqualTo(3.0);
        assertThat(health.floorHitRate()).isEqualTo(1.0);
        health.record(1.0, false);
        health.record(7.0, false);
        // {3, 1, 7}: median 3; 1 floored row in 3
        assertThat(health.medianScale()).isEqualTo(3.0);
        assertThat(health.floorHitRate()).isEqualTo(1.0 / 3);
        health.record(5.0, true);
        // {3, 1, 7, 5}: median (3 + 5)/2; 2 in 4
        assertThat(health.medianScale()).isEqualTo(4.0);
        assertThat(health.floorHitRate()).isEqualTo(0.5);
        health.record(2.0, false); // the floored 3 leaves: {2, 1, 7, 5}
        assertThat(health.medianScale()).isEqualTo(3.5);
        assertThat(health.floorHitRate()).isEqualTo(0.25);
        health.record(9.0, false); // {2, 9, 7, 5}
        health.record(4.0, false); // {2, 9, 4, 5}: the floored 5 stays
        assertThat(health.medianScale()).isEqualTo(4.5);
        assertThat(health.floorHitRate()).isEqualTo(0.25);
    }
}
