package io.orderflow.core.signal;

/**
 * Average of a value whose observations lose weight with elapsed event time: an observation made
 * Δt ago weighs {@code 2^(−Δt / halfLife)}, however many observations came since.
 *
 * <p>Each observation enters with weight 1 after the earlier weights have decayed, so trades that
 * share a millisecond all count; the per-interval EWMA {@code α = 1 − 2^(−Δt/h)} would give an
 * observation with Δt = 0 no weight at all. Driven by the caller's clock; a time before the last
 * one counts as simultaneous. A Flink POJO, kept in keyed state; the half-life is the caller's
 * setting, passed on each observation, so a resume with another half-life applies it from then on.
 */
public class DecayingAverage {

    private static final double LN2 = Math.log(2.0);

    public double weight;
    public double mean;
    public long lastMs;

    /** Returns {@code halfLifeSec} if it is a valid half-life: positive. */
    public static double checkHalfLife(double halfLifeSec) {
        if (!(halfLifeSec > 0.0)) {
            throw new IllegalArgumentException("half-life must be positive, got " + halfLifeSec);
        }
        return halfLifeSec;
    }

    /** Adds {@code x} observed at {@code timeMs}, earlier ones decayed by {@code halfLifeSec}; returns the new average. */
    public double add(double halfLifeSec, long timeMs, double x) {
        if (weight == 0.0) {
            lastMs = timeMs;
        } else if (timeMs > lastMs) {
            weight *= Math.exp(-LN2 * (timeMs - lastMs) / (halfLifeSec * 1000.0));
            lastMs = timeMs;
        }
        weight += 1.0;
        mean += (x - mean) / weight;
        return mean;
    }

    /** The average so far; 0 before the first observation. */
    public double mean() {
        return mean;
    }

    /** The total weight: 1 per observation, halved every half-life. */
    public double weight() {
        return weight;
    }

    /** No observation yet. */
    public boolean isEmpty() {
        return weight == 0.0;
    }
}
