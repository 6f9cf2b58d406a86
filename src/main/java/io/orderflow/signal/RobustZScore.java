package io.orderflow.signal;

import java.util.Arrays;

/**
 * z-score of a value against the last N values on a robust scale: {@code (x − median) / (1.4826 ·
 * MAD)}, where MAD is the median absolute deviation from the median. The factor makes the scale the
 * standard deviation for normal data, while one burst cannot inflate it the way it inflates a
 * standard deviation. The window includes the current value; with no dispersion (MAD 0) the z-score
 * is 0, never NaN or infinite.
 *
 * <p>Each z-score sorts the window twice, O(N log N): meant for a slow clock (one value per second),
 * not per event. A Flink POJO, kept in keyed state.
 */
public class RobustZScore {

    /** MAD × this is the standard deviation of a normal distribution. */
    public static final double MAD_TO_SIGMA = 1.4826;

    public double[] values;
    public int count;
    public int next;

    /** Sorting space, rebuilt after a restore; not state. */
    private transient double[] scratch;

    /** For Flink's POJO serializer. */
    public RobustZScore() {}

    public RobustZScore(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("a robust window needs at least 2 values, got " + window);
        }
        this.values = new double[window];
    }

    /** Adds a value, evicting the oldest once the window is full. */
    public void add(double x) {
        values[next] = x;
        next = (next + 1) % values.length;
        count = Math.min(count + 1, values.length);
    }

    public boolean isFull() {
        return count == values.length;
    }

    public double median() {
        return medianOf(sortedWindow(), count);
    }

    /** 1.4826 · MAD of the window. */
    public double scale() {
        double[] sorted = sortedWindow();
        return madScale(sorted, medianOf(sorted, count));
    }

    /** (x − median) / scale over the window, 0 when the scale is 0. */
    public double zScore(double x) {
        double[] sorted = sortedWindow();
        double median = medianOf(sorted, count);
        double scale = madScale(sorted, median);
        return scale == 0.0 ? 0.0 : (x - median) / scale;
    }

    /** Overwrites {@code sorted} with the absolute deviations from {@code median}. */
    private double madScale(double[] sorted, double median) {
        for (int i = 0; i < count; i++) {
            sorted[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(sorted, 0, count);
        return MAD_TO_SIGMA * medianOf(sorted, count);
    }

    private double[] sortedWindow() {
        if (scratch == null || scratch.length != values.length) {
            scratch = new double[values.length];
        }
        System.arraycopy(values, 0, scratch, 0, count);
        Arrays.sort(scratch, 0, count);
        return scratch;
    }

    private static double medianOf(double[] sorted, int n) {
        if (n == 0) {
            return 0.0;
        }
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
