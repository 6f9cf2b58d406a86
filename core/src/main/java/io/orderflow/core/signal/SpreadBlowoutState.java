package io.orderflow.core.signal;

/** Per-symbol state of {@link SpreadBlowoutFunction}. */
public class SpreadBlowoutState {

    /** The spread in basis points, over book updates. */
    public CappedBaseline baseline = new CappedBaseline();
    public CoolDown coolDown = new CoolDown();
}
