package io.orderflow.core.signal;

/** Per-symbol state of {@link PivotDivergenceFunction}. */
public class PivotDivergenceState {

    /** Σ taker delta of the 1m bars seen: CVD up to a constant, enough to compare two pivots. */
    public double cvd;
    public SwingPivots pivots;
    public DivergenceDetector divergences;

    /** For Flink's POJO serializer. */
    public PivotDivergenceState() {}

    public PivotDivergenceState(int pivotBars) {
        this.pivots = new SwingPivots(pivotBars);
        this.divergences = new DivergenceDetector();
    }
}
