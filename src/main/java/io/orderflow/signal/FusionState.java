package io.orderflow.signal;

import io.orderflow.model.CvdRow;
import io.orderflow.model.OfiRow;

/**
 * Per-symbol state of {@link FusionFunction}. Inputs are split at the pending tick: the latest row at
 * or before it, and the latest row after it (which arrived early because the watermark lags).
 */
public class FusionState {

    public OfiRow ofi;
    public OfiRow laterOfi;
    public CvdRow cvd;
    public CvdRow laterCvd;
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
