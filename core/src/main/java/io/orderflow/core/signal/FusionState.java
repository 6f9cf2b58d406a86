package io.orderflow.core.signal;

/** Per-symbol state of {@link FusionFunction}. */
public class FusionState {

    /** The latest rows at or before the pending tick. */
    public FusionInputs current = new FusionInputs();
    /** The one registered timer: the next tick, a whole second. */
    public long tickMs;
    /** Newest input time seen. */
    public long lastInputMs;
    /** The last scores, for their median and MAD. */
    public RollingMad scores;

    /** For Flink's POJO serializer. */
    public FusionState() {}

    public FusionState(int window) {
        this.scores = new RollingMad(window);
    }
}
