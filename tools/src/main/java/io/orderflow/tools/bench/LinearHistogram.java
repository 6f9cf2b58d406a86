package io.orderflow.tools.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of whole values from 0 to {@code max} (a latency in some unit), recorded from any thread
 * without locks or allocation; the last bucket holds everything above {@code max}.
 */
final class LinearHistogram {

    private final AtomicLongArray counts;

    LinearHistogram(int max) {
        this.counts = new AtomicLongArray(max + 1);
    }

    void record(long value) {
        counts.incrementAndGet((int) Math.max(0, Math.min(counts.length() - 1, value)));
    }

    void reset() {
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
    }

    long count() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The value at quantile {@code q}, e.g. 0.99; {@code max} when it is in the last bucket. */
    long quantile(double q) {
        long rank = (long) Math.ceil(q * count());
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank && seen > 0) {
                return i;
            }
        }
        return counts.length() - 1;
    }
}
