package io.orderflow.signal;

import io.orderflow.model.CvdRow;
import io.orderflow.model.OfiRow;

/** The latest {@code ofi} and {@code cvd} rows of one second that is still ahead of the fusion clock. */
public class FusionInputs {

    public OfiRow ofi;
    public CvdRow cvd;
}
