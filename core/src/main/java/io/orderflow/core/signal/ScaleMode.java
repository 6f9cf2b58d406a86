package io.orderflow.core.signal;

/** How the CVD z-score's scale is estimated (key {@code SCALE_MODE}); see {@code RobustZScore}. */
public enum ScaleMode {
    /** Root mean square residual, decaying in event time with half-life {@code HALF_LIFE_SEC}. */
    EWMA,
    /** 1.4826 × the median absolute deviation of the last {@code CVD_WINDOW} residuals, times {@code MAD_MULTIPLIER}. */
    MAD,
    /** {@code SCALE_FAST_WEIGHT} of the fast robust scale (1.4826 × MAD) plus the rest of the slow EWMA one. */
    HYBRID
}
