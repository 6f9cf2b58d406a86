package io.orderflow.signal;

/** Per-symbol state of {@link MarketAnomalyFunction}. */
public class MarketAnomalyState {

    /** The spread in basis points, over book updates. */
    public CappedBaseline spreadBaseline;
    public CoolDown scoreCoolDown = new CoolDown();
    public CoolDown spreadCoolDown = new CoolDown();

    /** For Flink's POJO serializer. */
    public MarketAnomalyState() {}

    public MarketAnomalyState(double spreadAlpha, long warmupBooks) {
        this.spreadBaseline = new CappedBaseline(spreadAlpha, warmupBooks);
    }
}
