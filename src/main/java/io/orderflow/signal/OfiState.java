package io.orderflow.signal;

/** Per-symbol state of {@link OfiFunction} besides the previous book: one value, one access. */
public class OfiState {

    public RollingStats window;
    public Ema ema;
    public ActivityRegime regime;
    public DecayingAverage depth;

    /** For Flink's POJO serializer. */
    public OfiState() {}

    public OfiState(int window, double emaAlpha, double depthHalfLifeSec) {
        this.window = new RollingStats(window);
        this.ema = new Ema(emaAlpha);
        this.regime = new ActivityRegime();
        this.depth = new DecayingAverage(depthHalfLifeSec);
    }
}
