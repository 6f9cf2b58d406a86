package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MarketClockTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong(5_000 * MS);
    private final MarketClock clock = new MarketClock(1_000, nanos::get);

    @Test
    void standsStillUntilStartedThenFollowsTheWallClock() {
        nanos.addAndGet(700 * MS);
        assertThat(clock.simTimeMs()).isEqualTo(1_000);
        clock.start();
        nanos.addAndGet(250 * MS);
        assertThat(clock.simTimeMs()).isEqualTo(1_250);
    }

    @Test
    void aPauseStopsTimeAndResumesWithoutCatchingUp() {
        clock.start();
        nanos.addAndGet(100 * MS);
        clock.pause(true);
        nanos.addAndGet(10_000 * MS);
        assertThat(clock.simTimeMs()).isEqualTo(1_100);
        clock.pause(false);
        nanos.addAndGet(50 * MS);
        assertThat(clock.simTimeMs()).isEqualTo(1_150);
    }

    @Test
    void aStallFreezesTimeForItsDurationOnly() {
        clock.start();
        clock.stall(Duration.ofMillis(300));
        nanos.addAndGet(200 * MS);
        assertThat(clock.simTimeMs()).isEqualTo(1_000);
        nanos.addAndGet(400 * MS);
        assertThat(clock.simTimeMs()).isEqualTo(1_300);
    }

    @Test
    void aShorterStallDoesNotCutALongerOneShort() {
        clock.start();
        clock.stall(Duration.ofMillis(500));
        clock.stall(Duration.ofMillis(100));
        nanos.addAndGet(400 * MS);
        assertThat(clock.simTimeMs()).isEqualTo(1_000);
    }
}
