package io.orderflow.job.source.binance.reader;

import java.util.concurrent.TimeUnit;

/**
 * Keeps REST calls within Binance's request-weight budget (per IP and minute): a token bucket
 * holding a minute's worth of weight, refilled continuously. A call that would overdraw it is not
 * made ({@link #tryAcquire}) until the weight is earned; a 429/418 answer's Retry-After empties it
 * for that long.
 */
final class RestWeightLimiter {

    private final double weightPerNano;
    private final double capacity;
    private double available;
    private long updatedNanos;

    RestWeightLimiter(int weightPerMinute) {
        this.capacity = weightPerMinute;
        this.weightPerNano = weightPerMinute / (double) TimeUnit.MINUTES.toNanos(1);
        this.available = weightPerMinute;
        this.updatedNanos = System.nanoTime();
    }

    /**
     * Spends the weight if the budget holds it now; otherwise spends nothing and says how long until
     * it will (0 when spent). For a caller that has better to do than wait.
     */
    synchronized long tryAcquire(int weight, long nowNanos) {
        refill(nowNanos);
        if (available >= weight) {
            available -= weight;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((weight - available) / weightPerNano));
    }

    /** The exchange said to back off: nothing more until {@code seconds} from now. */
    synchronized void pause(long seconds, long nowNanos) {
        refill(nowNanos);
        available = Math.min(available, -seconds * TimeUnit.SECONDS.toNanos(1) * weightPerNano);
    }

    private void refill(long nowNanos) {
        available = Math.min(capacity, available + (nowNanos - updatedNanos) * weightPerNano);
        updatedNanos = nowNanos;
    }
}
