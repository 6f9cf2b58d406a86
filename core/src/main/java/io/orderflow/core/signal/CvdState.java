package io.orderflow.core.signal;

/** Per-symbol state of {@link CvdFunction}. */
public class CvdState {

    public double cvd;
    public RobustZScore z;
    public ActivityRegime regime;

    /** For Flink's POJO serializer. */
    public CvdState() {}

    public CvdState(RobustScaleSettings settings) {
        this.z = settings.newScore();
        this.regime = new ActivityRegime();
    }
}
