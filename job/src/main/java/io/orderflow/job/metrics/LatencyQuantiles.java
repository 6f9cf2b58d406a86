package io.orderflow.job.metrics;

import java.util.Arrays;

/**
 * Quantiles of a latency over consecutive windows of time, from a fixed histogram of 1 ms buckets:
 * recording costs an array increment, never an allocation. The receive latency is windowed by receive
 * time ({@link SymbolTapeMetrics}), the processing latency by the time the row was produced
 * ({@link ProcessingLatency}).
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
    private volatile double p95 = Double.NaN;
    private volatile double p99 = Double.NaN;

    public LatencyQuantiles(long windowMs) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("windowMs must be positive: " + windowMs);
        }
        this.windowMs = windowMs;
    }

    /** One record, at {@code timeMs} (which places it in a window), that took {@code latencyMs}. */
    public void record(long timeMs, long latencyMs) {
        long recordWindow = Math.floorDiv(timeMs, windowMs);
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

    public double p95() {
        return p95;
    }

    public double p99() {
        return p99;
    }

    private void publish() {
        p50 = quantile(0.50);
        p90 = quantile(0.90);
        p95 = quantile(0.95);
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
