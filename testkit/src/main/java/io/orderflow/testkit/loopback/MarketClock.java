package io.orderflow.testkit.loopback;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The exchange's simulated time: it runs with the wall clock from {@link #start} except while
 * paused or stalled, and then resumes where it stopped, so a stall delays the market instead of
 * releasing a burst of backlog afterwards.
 */
final class MarketClock {

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final long startSimMs;
    private final LongSupplier nanoTime;

    /** Wall time the market has been running, in nanoseconds. */
    private long runNanos;

    private long lastNanos = NOT_STARTED;
    private long stallUntilNanos = Long.MIN_VALUE;
    private boolean paused;

    MarketClock(long startSimMs, LongSupplier nanoTime) {
        this.startSimMs = startSimMs;
        this.nanoTime = nanoTime;
    }

    synchronized void start() {
        lastNanos = nanoTime.getAsLong();
    }

    /** Epoch ms of simulated time now; {@code startSimMs} until started. */
    synchronized long simTimeMs() {
        advance();
        return startSimMs + runNanos / 1_000_000L;
    }

    synchronized void pause(boolean on) {
        advance();
        paused = on;
    }

    /** Freezes the clock for {@code duration} from now (a longer stall already running wins). */
    synchronized void stall(Duration duration) {
        long now = advance();
        stallUntilNanos = Math.max(stallUntilNanos, now + duration.toNanos());
    }

    private long advance() {
        long now = nanoTime.getAsLong();
        if (lastNanos != NOT_STARTED) {
            if (!paused) {
                runNanos += Math.max(0, now - Math.max(lastNanos, stallUntilNanos));
            }
            lastNanos = now;
        }
        return now;
    }
}
