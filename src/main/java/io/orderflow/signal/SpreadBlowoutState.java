package io.orderflow.signal;

/** Per-symbol state of {@link SpreadBlowoutFunction}. */
public class SpreadBlowoutState {

    /** The spread in basis points, over book updates. */
    public CappedBaseline baseline;
    public CoolDown coolDown = new CoolDown();

    /** For Flink's POJO serializer. */
    public SpreadBlowoutState() {}

    public SpreadBlowoutState(double alpha, long warmupBooks) {
        this.baseline = new CappedBaseline(alpha, warmupBooks);
    }
}
