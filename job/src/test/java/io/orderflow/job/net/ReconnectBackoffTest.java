package io.orderflow.job.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofSeconds(60);

    @Test
    void withoutJitterDelaysDoubleUpToTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(ONE_SECOND, THIRTY_SECONDS, STABLE, () -> 0.5);

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(backoff.nextDelayMs(0));
        }

        assertThat(delays).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        Random random = new Random(7);
        ReconnectBackoff backoff = new ReconnectBackoff(ONE_SECOND, ONE_SECOND, STABLE, random::nextDouble);

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            delays.add(backoff.nextDelayMs(0));
        }

        assertThat(delays).allSatisfy(delay -> assertThat(delay).isBetween(800L, 1_200L));
        assertThat(delays.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(850);
        assertThat(delays.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(1_150);
    }

    @Test
    void aStableConnectionResetsTheDelay() {
        ReconnectBackoff backoff = new ReconnectBackoff(ONE_SECOND, THIRTY_SECONDS, STABLE, () -> 0.5);
        backoff.nextDelayMs(0);
        backoff.nextDelayMs(0);
        assertThat(backoff.nextDelayMs(STABLE.toMillis() - 1)).as("short-lived: keeps doubling").isEqualTo(4_000);

        assertThat(backoff.nextDelayMs(STABLE.toMillis())).isEqualTo(1_000);
        assertThat(backoff.nextDelayMs(0)).isEqualTo(2_000);
    }

    @Test
    void manyFailuresDoNotOverflow() {
        ReconnectBackoff backoff = new ReconnectBackoff(ONE_SECOND, THIRTY_SECONDS, STABLE, () -> 0.5);
        for (int i = 0; i < 200; i++) {
            backoff.nextDelayMs(0);
        }
        assertThat(backoff.nextDelayMs(0)).isEqualTo(30_000);
    }
}
