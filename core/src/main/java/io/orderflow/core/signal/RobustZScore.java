package io.orderflow.core.signal;

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
 * times m), so the floor never binds there. A Flink POJO, kept in keyed state: only the estimates
 * live here; the {@link RobustScaleSettings} come with each update, so a resume with other settings
 * applies them from then on (a MAD window of another length keeps its newest residuals).
 */
public class RobustZScore {

    /** MAD × 1.4826 estimates σ for normally distributed data. */
    public static final double MAD_TO_SIGMA = 1.4826;

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
        this.location = new DecayingAverage();
        this.meanSquare = new DecayingAverage();
        this.recent = new RollingMad(settings.madWindow());
    }

    /**
     * Scores {@code v} observed at {@code timeMs} with {@code settings}, then learns from it
     * winsorised. Returns the winsorised z; {@link #zRaw}, {@link #scale}, {@link #sigmaFloor} and
     * {@link #floorUsed} hold the rest.
     */
    public double update(RobustScaleSettings settings, long timeMs, double v) {
        recent = recent.resizedTo(settings.madWindow());
        double centre = location.isEmpty() ? v : location.mean();
        double residual = v - centre;
        double fast = MAD_TO_SIGMA * recent.mad();
        double slow = Math.sqrt(meanSquare.mean());
        sigmaFloor = settings.madMultiplier() * fast;
        double unfloored = switch (settings.mode()) {
            case EWMA -> slow;
            case MAD -> sigmaFloor;
            case HYBRID -> settings.fastWeight() * fast + (1.0 - settings.fastWeight()) * slow;
        };
        floorUsed = sigmaFloor > unfloored;
        scale = Math.max(unfloored, sigmaFloor);
        zRaw = scale > 0.0 ? residual / scale : 0.0;
        double z = winsorise(zRaw, settings.winsorLimit());
        // With no scale yet there is nothing to clip against: the first residuals enter whole.
        double kept = scale > 0.0 ? winsorise(residual, settings.winsorLimit() * scale) : residual;
        location.add(settings.halfLifeSec(), timeMs, centre + kept);
        meanSquare.add(settings.halfLifeSec(), timeMs, kept * kept);
        recent.add(kept);
        return z;
    }

    /** Clips z to [−limit, limit]. */
    static double winsorise(double z, double limit) {
        return Math.max(-limit, Math.min(limit, z));
    }
}
