package io.orderflow.core.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Swing pivots over a sequence of bars: the middle bar of the last {@code 2N + 1} is a swing high if
 * its high is strictly above the high of each of the N bars before and the N bars after it, and a
 * swing low likewise below. A pivot is therefore confirmed N bars after it happened, when the last of
 * those bars closes; a tie is no pivot. One bar may be both (an outside bar).
 *
 * <p>A Flink POJO, kept in keyed state: a ring of the last {@code 2N + 1} bars.
 */
public class SwingPivots {

    public int bars;
    public long[] times;
    public double[] highs;
    public double[] lows;
    public double[] cvds;
    public int count;
    public int next;

    /** For Flink's POJO serializer. */
    public SwingPivots() {}

    /** @param bars N, the bars on each side of a pivot */
    public SwingPivots(int bars) {
        if (bars < 1) {
            throw new IllegalArgumentException("a pivot needs at least 1 bar on each side, got " + bars);
        }
        this.bars = bars;
        int size = 2 * bars + 1;
        this.times = new long[size];
        this.highs = new double[size];
        this.lows = new double[size];
        this.cvds = new double[size];
    }

    /** Adds the next closed bar; returns the pivots it confirms (none, one, or a high and a low). */
    public List<Pivot> add(long openTimeMs, double high, double low, double cvd) {
        int size = times.length;
        times[next] = openTimeMs;
        highs[next] = high;
        lows[next] = low;
        cvds[next] = cvd;
        next = (next + 1) % size;
        count = Math.min(count + 1, size);
        if (count < size) {
            return List.of();
        }
        int middle = (next + bars) % size; // `next` is now the oldest bar
        boolean isHigh = true;
        boolean isLow = true;
        for (int i = 0; i < size; i++) {
            if (i != middle) {
                isHigh &= highs[middle] > highs[i];
                isLow &= lows[middle] < lows[i];
            }
        }
        List<Pivot> pivots = new ArrayList<>(2);
        if (isHigh) {
            pivots.add(new Pivot(true, times[middle], highs[middle], cvds[middle]));
        }
        if (isLow) {
            pivots.add(new Pivot(false, times[middle], lows[middle], cvds[middle]));
        }
        return pivots;
    }
}
