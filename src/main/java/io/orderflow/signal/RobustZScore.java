package io.orderflow.signal;

import io.orderflow.config.ScaleMode;

/**
 * A z-score on a robust, floored scale that one outlier cannot blind, for an irregularly sampled
 * series (one value per trade, in event time).
 *
 * <p>For each value v at time t, with every estimate taken from the values before it:
 *
 * <pre>
 *   r       = v − μ                       μ: decaying mean of the learnt v, half-life h (event time)
 *   σ_slow  = √(decaying mean of r²)      half-life h
 *   σ_fast  = 1.4826 · MAD(r)             over the last N learnt residuals
 *   floor   = m · σ_fast                  m = MAD multiplier
 *   s       = ewma: σ_slow | mad: floor | hybrid: w·σ_fast + (1 − w)·σ_slow
 *   scale   = max(s, floor)               floorUsed = floor > s
 *   zRaw    = r / scale                   (0 while scale = 0)
 *   z       = zRaw clipped to ±L
 * </pre>
 *
 * <p>Then the residual, winsorised to ±L·scale, updates μ, σ_slow and the MAD window, so one block
 * trade moves them by at most L scales. In {@code mad} mode the scale is the floor itself (the MAD
 * times m), so the floor never binds there. A Flink POJO, kept in keyed state.
 */
public class RobustZScore {

    /** MAD × 1.4826 estimates σ for normally distributed data. */
    public static final double MAD_TO_SIGMA = 1.4826;

    public ScaleMode mode;
    public double madMultiplier;
    public double fastWeight;
    public double winsorLimit;
    public DecayingAverage location;
    public DecayingAverage meanSquare;
    public RollingMad recent;

    /** The last update's results. */
    public double zRaw;
    public double scale;
    public double sigmaFloor;
    public boolean floorUsed;

    /** For Flink's POJO serializer. */
    public RobustZScore() {}

    /** Use {@link RobustScaleSettings#newScore()}: the settings are checked there. */
    RobustZScore(RobustScaleSettings settings) {
        this.mode = settings.mode();
        this.madMultiplier = settings.madMultiplier();
        this.fastWeight = settings.fastWeight();
        this.winsorLimit = settings.winsorLimit();
        this.location = new DecayingAverage(settings.halfLifeSec());
        this.meanSquare = new DecayingAverage(settings.halfLifeSec());
        this.recent = new RollingMad(settings.madWindow());
    }

    /**
     * Scores {@code v} observed at {@code timeMs}, then learns from it winsorised. Returns the
     * winsorised z; {@link #zRaw}, {@link #scale}, {@link #sigmaFloor} and {@link #floorUsed} hold
     * the rest.
     */
    public double update(long timeMs, double v) {
        double centre = location.isEmpty() ? v : location.mean();
        double residual = v - centre;
        double fast = MAD_TO_SIGMA * recent.mad();
        double slow = Math.sqrt(meanSquare.mean());
        sigmaFloor = madMultiplier * fast;
        double unfloored = switch (mode) {
            case EWMA -> slow;
            case MAD -> sigmaFloor;
            case HYBRID -> fastWeight * fast + (1.0 - fastWeight) * slow;
        };
        floorUsed = sigmaFloor > unfloored;
        scale = Math.max(unfloored, sigmaFloor);
        zRaw = scale > 0.0 ? residual / scale : 0.0;
        double z = winsorise(zRaw, winsorLimit);
        // With no scale yet there is nothing to clip against: the first residuals enter whole.
        double kept = scale > 0.0 ? winsorise(residual, winsorLimit * scale) : residual;
        location.add(timeMs, centre + kept);
        meanSquare.add(timeMs, kept * kept);
        recent.add(kept);
        return z;
    }

    /** Clips z to [−limit, limit]. */
    static double winsorise(double z, double limit) {
        return Math.max(-limit, Math.min(limit, z));
    }
}
