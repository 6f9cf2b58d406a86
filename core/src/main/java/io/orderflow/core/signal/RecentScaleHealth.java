package io.orderflow.core.signal;

import java.util.Arrays;

/**
 * The median scale and the share of floored rows over the last N rows of one subtask: what the
 * {@code cvd_scale_median} and {@code cvd_floor_hit_rate} gauges report.
 *
 * <p>Recording is O(1) and allocation-free on the task thread; the median is worked out when a
 * reporter reads it, on a scratch copy. Both sides lock the instance, uncontended in practice
 * (one read per scrape).
 */
public final class RecentScaleHealth {

    private final double[] scales;
    private final boolean[] floored;
    private final double[] scratch;
    private int count;
    private int next;
    private int floorHits;

    public RecentScaleHealth(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("needs at least one row, got " + rows);
        }
        scales = new double[rows];
        floored = new boolean[rows];
        scratch = new double[rows];
    }

    public synchronized void record(double scale, boolean floorUsed) {
        if (count == scales.length) {
            floorHits -= floored[next] ? 1 : 0;
        } else {
            count++;
        }
        scales[next] = scale;
        floored[next] = floorUsed;
        floorHits += floorUsed ? 1 : 0;
        next = next + 1 == scales.length ? 0 : next + 1;
    }

    /** Median scale of the recent rows; NaN before the first. */
    public synchronized double medianScale() {
        if (count == 0) {
            return Double.NaN;
        }
        System.arraycopy(scales, 0, scratch, 0, count);
        Arrays.sort(scratch, 0, count);
        return RollingMad.medianOfSorted(scratch, count);
    }

    /** Share of the recent rows whose floor was binding, in [0, 1]; 0 before the first. */
    public synchronized double floorHitRate() {
        return count == 0 ? 0.0 : (double) floorHits / count;
    }
}
