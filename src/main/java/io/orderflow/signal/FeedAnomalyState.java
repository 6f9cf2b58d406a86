package io.orderflow.signal;

/** Per-symbol state of {@link FeedAnomalyFunction}. */
public class FeedAnomalyState {

    /** Slow EMA of the receive latency, fed values capped at the spike level. */
    public Ema latencyBaseline;
    public long trades;
    public ActivityRegime regime;
    /** Regime after the newest trade: the regime a gap that follows it interrupts. */
    public String lastRegime;
    public long lastEventMs;
    public CoolDown latencyCoolDown = new CoolDown();
    public CoolDown gapCoolDown = new CoolDown();

    /** For Flink's POJO serializer. */
    public FeedAnomalyState() {}

    public FeedAnomalyState(double latencyAlpha) {
        this.latencyBaseline = new Ema(latencyAlpha);
        this.regime = new ActivityRegime();
    }
}
