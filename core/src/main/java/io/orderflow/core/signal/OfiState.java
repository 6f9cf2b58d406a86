package io.orderflow.core.signal;

/**
 * Per-symbol state of {@link OfiFunction} besides the previous book: one value, one access. Only
 * accumulators: the window's length is the one setting that shapes it (see {@link RollingStats#resizedTo}).
 */
public class OfiState {

    public RollingStats window;
    public Ema ema = new Ema();
    public ActivityRegime regime = new ActivityRegime();
    public DecayingAverage depth = new DecayingAverage();

    /** For Flink's POJO serializer. */
    public OfiState() {}

    public OfiState(int window) {
        this.window = new RollingStats(window);
    }
}
