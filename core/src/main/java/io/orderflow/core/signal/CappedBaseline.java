package io.orderflow.core.signal;

/**
 * The slow, usual level of a quantity (a spread, a latency) that anomalies are measured against: an
 * EMA fed each value capped at the current firing level, so an episode cannot drag its own baseline
 * up and hide itself. It is not trusted before {@code warmup} values. A Flink POJO, kept in keyed
 * state; α and the warm-up are the caller's settings, passed on each use.
 */
public class CappedBaseline {

    public Ema ema = new Ema();
    public long count;

    /** The baseline as of the values fed so far. */
    public double value() {
        return ema.value;
    }

    /** At least {@code warmup} values have been fed: the baseline means something. */
    public boolean isWarm(long warmup) {
        return count >= warmup;
    }

    /** Feeds {@code x}, capped at {@code firingLevel}, to the EMA of {@code alpha}; the first value is taken as it is. */
    public void update(double alpha, double x, double firingLevel) {
        ema.update(alpha, count == 0 ? x : Math.min(x, firingLevel));
        count++;
    }
}
