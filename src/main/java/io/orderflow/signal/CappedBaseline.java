package io.orderflow.signal;

/**
 * The slow, usual level of a quantity (a spread, a latency) that anomalies are measured against: an
 * EMA fed each value capped at the current firing level, so an episode cannot drag its own baseline
 * up and hide itself. It is not trusted before {@code warmup} values. A Flink POJO, kept in keyed
 * state.
 */
public class CappedBaseline {

    public Ema ema;
    public long count;
    public long warmup;

    /** For Flink's POJO serializer. */
    public CappedBaseline() {}

    public CappedBaseline(double alpha, long warmup) {
        this.ema = new Ema(alpha);
        this.warmup = warmup;
    }

    /** The baseline as of the values fed so far. */
    public double value() {
        return ema.value;
    }

    /** Enough values have been fed for the baseline to mean something. */
    public boolean isWarm() {
        return count >= warmup;
    }

    /** Feeds {@code x}, capped at {@code firingLevel}; the first value is taken as it is. */
    public void update(double x, double firingLevel) {
        ema.update(count == 0 ? x : Math.min(x, firingLevel));
        count++;
    }
}
