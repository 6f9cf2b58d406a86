package io.orderflow.core.signal;

/**
 * Exponential moving average per event: {@code ema = α·x + (1 − α)·ema}, started at the first
 * value so it carries no bias towards zero. A Flink POJO, kept in keyed state; α is the caller's
 * setting, passed on each update, so a resume with another α applies it from then on.
 */
public class Ema {

    public double value;
    public boolean started;

    /** Returns {@code alpha} if it is a valid smoothing factor, in (0, 1]. */
    public static double checkAlpha(double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("EMA alpha must be in (0, 1], got " + alpha);
        }
        return alpha;
    }

    public double update(double alpha, double x) {
        value = started ? value + alpha * (x - value) : x;
        started = true;
        return value;
    }
}
