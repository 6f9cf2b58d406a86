package io.orderflow.core.signal;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.OfiRow;

/** The latest {@code ofi} and {@code cvd} rows up to one second; either is null until one came. */
public class FusionInputs {

    public OfiRow ofi;
    public CvdRow cvd;

    /** Keeps {@code row} unless the one held is newer (a late row does not replace it). */
    public void offer(OfiRow row) {
        if (ofi == null || row.tsMs() >= ofi.tsMs()) {
            ofi = row;
        }
    }

    public void offer(CvdRow row) {
        if (cvd == null || row.tsMs() >= cvd.tsMs()) {
            cvd = row;
        }
    }

    /** Takes up the rows of a later second. */
    public void advanceTo(FusionInputs later) {
        if (later.ofi != null) {
            ofi = later.ofi;
        }
        if (later.cvd != null) {
            cvd = later.cvd;
        }
    }

    public boolean isComplete() {
        return ofi != null && cvd != null;
    }
}
