package io.orderflow.core.signal;

/** Per-symbol state of {@link FeedAnomalyFunction}. */
public class FeedAnomalyState {

    /** The receive latency, over trades. */
    public CappedBaseline latencyBaseline = new CappedBaseline();
    public ActivityRegime regime = new ActivityRegime();
    /** Regime after the newest trade, the regime a gap after it interrupts; null before any trade. */
    public String lastRegime;
    public long lastEventMs;
    public CoolDown latencyCoolDown = new CoolDown();
    public CoolDown gapCoolDown = new CoolDown();
}
