package io.orderflow.core.signal;

import java.io.Serializable;
import java.util.Objects;

/**
 * The knobs of a {@link RobustZScore}, checked when they are made, so a bad one fails the job at build time.
 *
 * @param mode how the scale is estimated ({@code SCALE_MODE})
 * @param halfLifeSec half-life of the location and of the slow scale, in event time ({@code HALF_LIFE_SEC})
 * @param madWindow values in the rolling MAD window ({@code CVD_WINDOW})
 * @param madMultiplier the floor in robust sigmas, and the scale of {@code mad} mode ({@code MAD_MULTIPLIER})
 * @param fastWeight weight of the fast robust scale in {@code hybrid} mode ({@code SCALE_FAST_WEIGHT})
 * @param winsorLimit z-scores and learnt residuals are clipped to ± this many scales ({@code WINSOR_LIMIT})
 */
public record RobustScaleSettings(
        ScaleMode mode,
        double halfLifeSec,
        int madWindow,
        double madMultiplier,
        double fastWeight,
        double winsorLimit) implements Serializable {

    public RobustScaleSettings {
        Objects.requireNonNull(mode, "mode");
        DecayingAverage.checkHalfLife(halfLifeSec);
        if (madWindow < 2) {
            throw new IllegalArgumentException("the MAD window needs at least 2 values, got " + madWindow);
        }
        if (!(madMultiplier > 0.0)) {
            throw new IllegalArgumentException("MAD multiplier must be positive, got " + madMultiplier);
        }
        if (!(fastWeight >= 0.0 && fastWeight <= 1.0)) {
            throw new IllegalArgumentException("fast-scale weight must be in [0, 1], got " + fastWeight);
        }
        if (!(winsorLimit > 0.0)) {
            throw new IllegalArgumentException("winsor limit must be positive, got " + winsorLimit);
        }
    }

    /** A fresh estimator with these settings. */
    public RobustZScore newScore() {
        return new RobustZScore(this);
    }
}
