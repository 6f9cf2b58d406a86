package io.orderflow.core.signal;

/**
 * Mean and population standard deviation of the last N values, and the z-score of a value
 * against them.
 *
 * <p>Updated in O(1) per value with the sliding-window form of Welford's algorithm; the sums are
 * recomputed from the buffer each time it wraps, so rounding error cannot build up over days.
 *
 * <p>A Flink POJO (public fields, no-arg constructor): it lives in keyed state as it is. Its length
 * is a setting that sizes the state: {@link #resizedTo} carries a window over to another length.
 */
public class RollingStats {

    /** A dispersion at or below this fraction of |mean| is rounding noise, not spread. */
    static final double RELATIVE_ZERO = 1e-12;

    public double[] values;
    public int count;
    public int next;
    public double mean;
    public double m2;

    /** For Flink's POJO serializer. */
    public RollingStats() {}

    public RollingStats(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("a rolling window needs at least 2 values, got " + window);
        }
        this.values = new double[window];
    }

    /** Adds a value, evicting the oldest one once the window is full. */
    public void add(double x) {
        int window = values.length;
        if (count < window) {
            count++;
            double d = x - mean;
            mean += d / count;
            m2 += d * (x - mean);
        } else {
            double old = values[next];
            double oldMean = mean;
            mean += (x - old) / window;
            m2 += (x - old) * (x - mean + old - oldMean);
        }
        values[next] = x;
        next++;
        if (next == window) {
            next = 0;
            recompute();
        }
    }

    /**
     * This window if its length is {@code window}, else a new window of that length fed the newest
     * min(old, new) values of this one, oldest first: the values it would hold had it always had that length.
     */
    public RollingStats resizedTo(int window) {
        if (window == values.length) {
            return this;
        }
        RollingStats resized = new RollingStats(window);
        int kept = Math.min(count, window);
        for (int i = kept; i > 0; i--) {
            resized.add(values[Math.floorMod(next - i, values.length)]);
        }
        return resized;
    }

    /** The window has N values. */
    public boolean isFull() {
        return count == values.length;
    }

    public double mean() {
        return mean;
    }

    /** Population standard deviation of the window. */
    public double std() {
        return count == 0 ? 0.0 : Math.sqrt(Math.max(0.0, m2) / count);
    }

    /** No dispersion in the window (within rounding), so a z-score is undefined. */
    public boolean isStdZero() {
        double std = std();
        return std == 0.0 || std <= RELATIVE_ZERO * Math.abs(mean);
    }

    /** (x − mean) / std over the window, and 0 when the window has no dispersion. */
    public double zScore(double x) {
        return isStdZero() ? 0.0 : (x - mean) / std();
    }

    private void recompute() {
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        double m = sum / count;
        double squares = 0.0;
        for (int i = 0; i < count; i++) {
            double d = values[i] - m;
            squares += d * d;
        }
        mean = m;
        m2 = squares;
    }
}
