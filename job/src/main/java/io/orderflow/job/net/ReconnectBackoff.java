package io.orderflow.job.net;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before reconnecting: {@code initial}, doubling per consecutive failure up to
 * {@code max}, each delay scaled by a random factor in [0.8, 1.2) so that many clients cut at once
 * do not come back at once. A connection that lived at least {@code resetAfter} was a success: the
 * next delay starts from {@code initial} again.
 */
public final class ReconnectBackoff {

    static final double JITTER = 0.2;

    private final long initialMs;
    private final long maxMs;
    private final long resetAfterMs;
    private final DoubleSupplier random;
    private int failures;

    /** @param random uniform in [0, 1) */
    public ReconnectBackoff(Duration initial, Duration max, Duration resetAfter, DoubleSupplier random) {
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
        this.resetAfterMs = resetAfter.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt, given how long the last connection lived (0 if it never opened). */
    public long nextDelayMs(long lastConnectionLifetimeMs) {
        if (lastConnectionLifetimeMs >= resetAfterMs) {
            failures = 0;
        }
        // Beyond 2^30 the cap has long been reached; stopping there keeps the shift from overflowing.
        long base = Math.min(maxMs, initialMs << Math.min(failures, 30));
        failures++;
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Math.round(base * factor);
    }
}
