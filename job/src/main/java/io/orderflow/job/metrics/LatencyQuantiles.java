package io.orderflow.job.metrics;

import java.util.Arrays;

/**
 * Quantiles of receive latency over consecutive windows of receive time, from a fixed histogram of
 * 1 ms buckets: recording costs an array increment, never an allocation.
 *
 * <p>When a record opens a new window, the quantiles of the window just closed are published (read
 * from any thread: the reporter's) and the histogram is cleared. Until a first window has closed they
 * are NaN; a window without any record publishes nothing, so the figures stay those of the last
 * window that had records. Quantiles use the nearest rank: the smallest latency L such that at least
 * a fraction q of the window's records took ≤ L ms. Latencies below 0 (clock skew) count as 0 and
 * those of {@link #OVERFLOW_MS} ms or more as {@link #OVERFLOW_MS}.
 */
public final class LatencyQuantiles {

    /** Latencies from this many milliseconds on share one bucket: far beyond any alert threshold. */
    public static final int OVERFLOW_MS = 4_096;

    private final long windowMs;
    private final int[] counts = new int[OVERFLOW_MS + 1];
    private long records;
    private long window = Long.MIN_VALUE;

    private volatile double p50 = Double.NaN;
    private volatile double p90 = Double.NaN;
    private volatile double p99 = Double.NaN;

    public LatencyQuantiles(long windowMs) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("windowMs must be positive: " + windowMs);
        }
        this.windowMs = windowMs;
    }

    /** One record received at {@code receiveTimeMs} that took {@code latencyMs} to arrive. */
    public void record(long receiveTimeMs, long latencyMs) {
        long recordWindow = Math.floorDiv(receiveTimeMs, windowMs);
        if (recordWindow > window) {
            if (records > 0) {
                publish();
            }
            window = recordWindow;
        }
        counts[(int) Math.max(0, Math.min(OVERFLOW_MS, latencyMs))]++;
        records++;
    }

    public double p50() {
        return p50;
    }

    public double p90() {
        return p90;
    }

    public double p99() {
        return p99;
    }

    private void publish() {
        p50 = quantile(0.50);
        p90 = quantile(0.90);
        p99 = quantile(0.99);
        Arrays.fill(counts, 0);
        records = 0;
    }

    private int quantile(double q) {
        long rank = (long) Math.ceil(q * records);
        long seen = 0;
        for (int ms = 0; ms < counts.length; ms++) {
            seen += counts[ms];
            if (seen >= rank) {
                return ms;
            }
        }
        return OVERFLOW_MS;
    }
}
