package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IpLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final IpLimiter limiter = new IpLimiter(2, 3, clock::get);

    @Test
    void passesASecondsBurstThenTheSteadyRate() {
        assertThat(limiter.tryRequest("10.0.0.1")).isTrue();
        assertThat(limiter.tryRequest("10.0.0.1")).isTrue();
        assertThat(limiter.tryRequest("10.0.0.1")).isTrue();
        assertThat(limiter.tryRequest("10.0.0.1")).isFalse();
        assertThat(limiter.tryRequest("10.0.0.2")).as("another IP has its own bucket").isTrue();

        clock.addAndGet(340_000_000L); // a third of a second refills one token
        assertThat(limiter.tryRequest("10.0.0.1")).isTrue();
        assertThat(limiter.tryRequest("10.0.0.1")).isFalse();

        clock.addAndGet(10_000_000_000L); // never more than a second's worth
        assertThat(limiter.tryRequest("10.0.0.1")).isTrue();
        assertThat(limiter.tryRequest("10.0.0.1")).isTrue();
        assertThat(limiter.tryRequest("10.0.0.1")).isTrue();
        assertThat(limiter.tryRequest("10.0.0.1")).isFalse();
    }

    @Test
    void countsOpenConnectionsPerIp() {
        assertThat(limiter.tryOpen("10.0.0.1")).isTrue();
        assertThat(limiter.tryOpen("10.0.0.1")).isTrue();
        assertThat(limiter.tryOpen("10.0.0.1")).isFalse();
        assertThat(limiter.openConnections("10.0.0.1")).isEqualTo(2);
        limiter.closed("10.0.0.1");
        assertThat(limiter.tryOpen("10.0.0.1")).isTrue();
        limiter.closed("10.0.0.1");
        limiter.closed("10.0.0.1");
        assertThat(limiter.openConnections("10.0.0.1")).isZero();
    }
}
