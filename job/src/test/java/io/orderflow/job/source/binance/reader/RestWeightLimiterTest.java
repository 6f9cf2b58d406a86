package io.orderflow.job.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestWeightLimiterTest {

    @Test
    void tryAcquireSpendsOnlyWhatTheBudgetHoldsAndSaysWhenMoreIsEarned() {
        RestWeightLimiter limiter = new RestWeightLimiter(60); // a weight a second
        long now = System.nanoTime();

        assertThat(limiter.tryAcquire(40, now)).isZero();
        long wait = limiter.tryAcquire(40, now);
        assertThat(wait).isBetween(TimeUnit.SECONDS.toNanos(19), TimeUnit.SECONDS.toNanos(21));
        assertThat(limiter.tryAcquire(20, now)).as("the refused call spent nothing").isZero();
        assertThat(limiter.tryAcquire(10, now + TimeUnit.SECONDS.toNanos(9))).isPositive();
        assertThat(limiter.tryAcquire(10, now + TimeUnit.SECONDS.toNanos(11))).isZero();
    }
}
