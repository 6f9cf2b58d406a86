package io.orderflow.signal;

/** Per-symbol state of {@link CvdFunction}. */
public class CvdState {

    public double cvd;
    public RollingStats deltas;
    public ActivityRegime regime;

    /** For Flink's POJO serializer. */
    public CvdState() {}

    public CvdState(int window) {
        this.deltas = new RollingStats(window);
        this.regime = new ActivityRegime();
    }
}
