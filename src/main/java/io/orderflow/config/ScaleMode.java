package io.orderflow.config;

/** How a signal is scaled before it is turned into a z-score (key {@code SCALE_MODE}). */
public enum ScaleMode {
    /** Exponentially weighted moving deviation. */
    EWMA,
    /** Median absolute deviation, times {@code MAD_MULTIPLIER}. */
    MAD,
    /** A blend of scales; {@code SCALE_FAST_WEIGHT} is the weight of the fast one. */
    HYBRID
}
