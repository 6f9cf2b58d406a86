package io.orderflow.core.signal;

/** What the CVD z-score is computed over (key {@code Z_MODE}). */
public enum ZMode {
    /** Each trade's signed volume, against its decaying mean. */
    DELTA,
    /** The CVD itself, against its own slow trend (its decaying mean). */
    LEVEL
}
