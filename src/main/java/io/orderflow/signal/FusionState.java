package io.orderflow.signal;

import io.orderflow.model.CvdRow;
import io.orderflow.model.OfiRow;

/** Per-symbol state of {@link FusionFunction}. */
public class FusionState {

    /** The latest rows at or before the pending tick. */
    public OfiRow ofi;
    public CvdRow cvd;
    /** The one registered timer: the next tick, a whole second. */
    public long tickMs;
    /** Newest input time seen. */
    public long lastInputMs;
    public RobustZScore scores;

    /** For Flink's POJO serializer. */
    public FusionState() {}

    public FusionState(int window) {
        this.scores = new RobustZScore(window);
    }
}
