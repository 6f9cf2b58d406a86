package io.orderflow.core.signal;

/**
 * Events per second over an exponentially decaying window of time constant τ.
 *
 * <p>The first event starts the clock; each later one adds 1/τ after the estimate has decayed by
 * exp(−Δt/τ). For a steady rate λ that sum tends to λ·(1 − exp(−elapsed/τ)), so dividing by that
 * factor makes the estimate unbiased from the first seconds on instead of creeping up from zero.
 * Driven by the caller's clock (event or receive time), never the wall clock. A Flink POJO, kept
 * in keyed state.
 */
public class DecayingRate {

    public double tauMs;
    public double decayed;
    public long firstMs;
    public long lastMs;
    public boolean started;

    /** For Flink's POJO serializer. */
    public DecayingRate() {}

    public DecayingRate(double tauSeconds) {
        if (!(tauSeconds > 0.0)) {
            throw new IllegalArgumentException("rate time constant must be positive, got " + tauSeconds);
        }
        this.tauMs = tauSeconds * 1000.0;
    }

    /** Counts one event at {@code timeMs}; a time before the last one counts as simultaneous. */
    public void record(long timeMs) {
        if (!started) {
            started = true;
            firstMs = timeMs;
            lastMs = timeMs;
            return;
        }
        if (timeMs > lastMs) {
            decayed *= Math.exp(-(timeMs - lastMs) / tauMs);
            lastMs = timeMs;
        }
        decayed += 1000.0 / tauMs;
    }

    /** Events per second as of the last event; 0 until a second event gives an interval. */
    public double perSecond() {
        if (decayed == 0.0) {
            return 0.0;
        }
        // Events within the first millisecond: measure over one millisecond, not zero.
        double elapsedMs = Math.max(1L, lastMs - firstMs);
        return decayed / -Math.expm1(-elapsedMs / tauMs);
    }

    /** Milliseconds of history seen so far. */
    public long elapsedMs() {
        return lastMs - firstMs;
    }
}
