package io.orderflow.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The waits between reconnect attempts: the first delay, doubled at each further attempt up to the
 * longest, each varied by ±20 % so that many clients cut off together do not come back together.
 */
final class Backoff {

    static final double JITTER = 0.2;

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier uniform;

    /** {@code uniform}: a number in [0, 1) at each call, e.g. a seeded {@code Random::nextDouble}. */
    Backoff(Duration minDelay, Duration maxDelay, DoubleSupplier uniform) {
        this.minMillis = minDelay.toMillis();
        this.maxMillis = maxDelay.toMillis();
        this.uniform = uniform;
    }

    /** The wait before attempt {@code attempt} (1 for the first reconnect). */
    Duration delay(int attempt) {
        // Shifted no further than a long holds: the cap has applied long before.
        int doublings = Math.min(attempt - 1, Long.numberOfLeadingZeros(minMillis) - 1);
        long capped = Math.min(maxMillis, minMillis << doublings);
        double factor = 1 - JITTER + 2 * JITTER * uniform.getAsDouble();
        return Duration.ofMillis(Math.round(capped * factor));
    }
}
