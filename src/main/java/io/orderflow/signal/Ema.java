package io.orderflow.signal;

/**
 * Exponential moving average per event: {@code ema = α·x + (1 − α)·ema}, started at the first
 * value so it carries no bias towards zero. A Flink POJO, kept in keyed state.
 */
public class Ema {

    public double alpha;
    public double value;
    public boolean started;

    /** For Flink's POJO serializer. */
    public Ema() {}

    public Ema(double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("EMA alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    public double update(double x) {
        value = started ? value + alpha * (x - value) : x;
        started = true;
        return value;
    }
}
