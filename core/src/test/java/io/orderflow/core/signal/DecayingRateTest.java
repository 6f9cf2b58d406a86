package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class DecayingRateTest {

    @Test
    void oneEventIsNoRateYet() {
        DecayingRate rate = new DecayingRate(10);
        assertThat(rate.perSecond()).isZero();
        rate.record(5_000);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void steadyRateIsUnbiasedFromTheStart() {
        // One event a second, τ = 10 s. After n intervals the sum is (1/τ)·Σ_{k<n} e^{−k/τ}
        // = (1/τ)(1 − e^{−n/τ}) / (1 − e^{−1/τ}); divided by (1 − e^{−n/τ}) that is
        // (1/τ) / (1 − e^{−1/τ}) = 1.0508 at every n: the same early as late.
        double expected = 0.1 / (1 - Math.exp(-0.1));
        DecayingRate rate = new DecayingRate(10);
        for (int s = 0; s <= 300; s++) {
            rate.record(s * 1000L);
            if (s == 3 || s == 300) {
                assertThat(rate.perSecond()).isCloseTo(expected, offset(1e-9));
            }
        }
    }

    @Test
    void followsAChangeOfRate() {
        DecayingRate rate = new DecayingRate(10);
        long t = 0;
        for (int i = 0; i < 600; i++) {
            rate.record(t += 1000); // 1/s
        }
        for (int i = 0; i < 2000; i++) {
            rate.record(t += 100); // 10/s for 200 s = 20 τ
        }
        assertThat(rate.perSecond()).isCloseTo(10.0, offset(0.6));
    }

    @Test
    void eventsOutOfOrderCountAsSimultaneous() {
        DecayingRate rate = new DecayingRate(10);
        rate.record(10_000);
        rate.record(11_000);
        rate.record(10_500);
        // two increments at 11 s, over one second of history
        assertThat(rate.perSecond()).isCloseTo(0.2 / -Math.expm1(-0.1), offset(1e-9));
    }
}
