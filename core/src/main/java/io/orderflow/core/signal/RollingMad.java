package io.orderflow.core.signal;

import java.util.Arrays;

/**
 * Median and median absolute deviation (MAD) of the last N values, exactly.
 *
 * <p>The window is kept twice: in arrival order (to know which value leaves) and sorted. Adding a
 * value is a binary search and an array shift, O(N) in the worst case but a single memmove; the
 * median is then read off the sorted copy, and the MAD by a binary search over the distances to
 * the median (O(log N), see {@link #kthDistance}). Nothing is allocated after construction.
 *
 * <p>A Flink POJO (public fields, no-arg constructor): it lives in keyed state as it is. Its length
 * is a setting that sizes the state: {@link #resizedTo} carries a window over to another length.
 */
public class RollingMad {

    public double[] arrivals;
    public double[] sorted;
    public int count;
    public int next;

    /** For Flink's POJO serializer. */
    public RollingMad() {}

    public RollingMad(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("a rolling window needs at least 2 values, got " + window);
        }
        this.arrivals = new double[window];
        this.sorted = new double[window];
    }

    /** Adds a value, evicting the oldest one once the window is full. */
    public void add(double x) {
        if (count == arrivals.length) {
            int at = Arrays.binarySearch(sorted, 0, count, arrivals[next]);
            System.arraycopy(sorted, at + 1, sorted, at, count - at - 1);
            count--;
        }
        int at = Arrays.binarySearch(sorted, 0, count, x);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = x;
        count++;
        arrivals[next] = x;
        next = next + 1 == arrivals.length ? 0 : next + 1;
    }

    /**
     * This window if its length is {@code window}, else a new window of that length fed the newest
     * min(old, new) values of this one, oldest first: the values it would hold had it always had that length.
     */
    public RollingMad resizedTo(int window) {
        if (window == arrivals.length) {
            return this;
        }
        RollingMad resized = new RollingMad(window);
        int kept = Math.min(count, window);
        for (int i = kept; i > 0; i--) {
            resized.add(arrivals[Math.floorMod(next - i, arrivals.length)]);
        }
        return resized;
    }

    /** Values in the window. */
    public int count() {
        return count;
    }

    /** Median of the window (the mean of the two middle values when N is even); 0 when empty. */
    public double median() {
        return count == 0 ? 0.0 : medianOfSorted(sorted, count);
    }

    /** Median of the first {@code count} (≥ 1) values of an ascending array. */
    static double medianOfSorted(double[] ascending, int count) {
        int upper = count / 2;
        return count % 2 == 1 ? ascending[upper] : 0.5 * (ascending[upper - 1] + ascending[upper]);
    }

    /** Median of |x − median| over the window; 0 when empty. */
    public double mad() {
        if (count == 0) {
            return 0.0;
        }
        double median = median();
        double lower = kthDistance((count - 1) / 2, median);
        return count % 2 == 1 ? lower : 0.5 * (lower + kthDistance(count / 2, median));
    }

    /**
     * The k-th smallest (from 0) of |x − median|. Left of the middle index the distances grow
     * leftwards, from it rightwards: two ascending runs, so the k-th of their union is found by a
     * binary search on how many of the k + 1 smallest come from the left run, in O(log N).
     */
    private double kthDistance(int k, double median) {
        int middle = count / 2;
        int leftSize = middle;
        int rightSize = count - middle;
        int lo = Math.max(0, k + 1 - rightSize);
        int hi = Math.min(k + 1, leftSize);
        // the fewest taken from the left such that the next left distance is not below the last right one
        while (lo < hi) {
            int fromLeft = (lo + hi) >>> 1;
            int fromRight = k + 1 - fromLeft;
            if (median - sorted[middle - 1 - fromLeft] >= sorted[middle + fromRight - 1] - median) {
                hi = fromLeft;
            } else {
                lo = fromLeft + 1;
            }
        }
        int fromRight = k + 1 - lo;
        double lastLeft = lo > 0 ? median - sorted[middle - lo] : 0.0;
        double lastRight = fromRight > 0 ? sorted[middle + fromRight - 1] - median : 0.0;
        return Math.max(lastLeft, lastRight);
    }
}
