package io.orderflow.signal;

/** Per-symbol state of {@link MarketAnomalyFunction}. */
public class MarketAnomalyState {

    /** Slow EMA of the spread in basis points, fed values capped at the blow-out level. */
    public Ema spreadBaseline;
    public long books;
    public CoolDown scoreCoolDown = new CoolDown();
    public CoolDown spreadCoolDown = new CoolDown();

    /** For Flink's POJO serializer. */
    public MarketAnomalyState() {}

    public MarketAnomalyState(double spreadAlpha) {
        this.spreadBaseline = new Ema(spreadAlpha);
    }
}
