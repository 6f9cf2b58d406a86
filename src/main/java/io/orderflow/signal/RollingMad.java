package io.orderflow.signal;

import java.util.Arrays;

/**
 * Median and median absolute deviation (MAD) of the last N values, exactly.
 *
 * <p>The window is kept twice: in arrival order (to know which value leaves) and sorted. Adding a
 * value is a binary search and an array shift, O(N) in the worst case but a single memmove; the
 * median is then read off the sorted copy, and the MAD is found by walking outwards from the
 * median, merging the distances of the two sides in increasing order until the middle one is
 * reached (N/2 steps). Nothing is allocated after construction.
 *
 * <p>A Flink POJO (public fields, no-arg constructor): it lives in keyed state as it is.
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
        // Distances to the median grow leftwards from `left` and rightwards from `right`.
        int right = count / 2;
        int left = right - 1;
        int lowerRank = (count - 1) / 2;
        int upperRank = count / 2;
        double lower = 0.0;
        for (int rank = 0; rank <= upperRank; rank++) {
            double d;
            if (right < count && (left < 0 || sorted[right] - median <= median - sorted[left])) {
                d = sorted[right++] - median;
            } else {
                d = median - sorted[left--];
            }
            if (rank == lowerRank) {
                lower = d;
            }
            if (rank == upperRank) {
                return 0.5 * (lower + d);
            }
        }
        throw new AssertionError("unreachable: the loop reaches upperRank < count");
    }
}
