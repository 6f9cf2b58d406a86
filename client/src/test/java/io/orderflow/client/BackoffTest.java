package io.orderflow.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theDelayDoublesUpToTheLongestAndJitterMovesItByAFifthEitherWay() {
        double[] draws = {0.5, 0.5, 0.5, 0.5, 0.5, 0.0, 0.75};
        int[] next = {0};
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), () -> draws[next[0]++]);
        // 0.5 draws no jitter: 500, 1000, 2000, then 4000 capped at 3000
        assertThat(IntStream.rangeClosed(1, 5).mapToObj(backoff::delay)).containsExactly(Duration.ofMillis(500),
                Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofMillis(3000), Duration.ofMillis(3000));
        assertThat(backoff.delay(1)).as("0.0: 500 × 0.8").isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(2)).as("0.75: 1000 × 1.1").isEqualTo(Duration.ofMillis(1100));
    }

    @Test
    void aSeededJitterStaysWithinAFifthAndTheCapHoldsAtAnyAttempt() {
        Random seeded = new Random(7);
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), seeded::nextDouble);
        for (int attempt = 1; attempt <= 100; attempt++) {
            long base = Math.min(30_000, 500L << Math.min(attempt - 1, 20));
            assertThat(backoff.delay(attempt).toMillis()).as("attempt %d", attempt).isBetween(base * 8 / 10, base * 12 / 10);
        }
        assertThat(backoff.delay(Integer.MAX_VALUE).toMillis()).isBetween(24_000L, 36_000L);
    }
}
