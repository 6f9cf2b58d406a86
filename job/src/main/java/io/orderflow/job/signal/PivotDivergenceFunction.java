package io.orderflow.job.signal;

import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.MetaJson;
import io.orderflow.core.signal.DivergenceDetector;
import io.orderflow.core.signal.KlineTimeframe;
import io.orderflow.core.signal.Pivot;
import io.orderflow.core.signal.PivotDivergenceState;
import io.orderflow.core.signal.SwingPivots;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol, on the 1m bars: swing pivots ({@code pivot_high}, {@code pivot_low}) confirmed
 * {@code pivotBars} bars after they happened, and the divergences between price and CVD they reveal
 * against the previous pivot of their kind. Other timeframes are ignored.
 *
 * <p>CVD at a bar is the running sum of the bars' taker delta (taker buys − taker sells), the same
 * trades as the {@code cvd} kind less any late trade; only differences between pivots matter, so the
 * starting point does not. Minutes without trades have no bar and are skipped: pivots count bars, not
 * minutes. An event's time is the close of the bar that confirms it; its {@code meta_json} names the
 * pivot bar(s).
 */
public class PivotDivergenceFunction extends KeyedProcessFunction<String, KlineRow, MarketNotice> {

    private final int pivotBars;
    private final long lookbackMs;

    private transient ValueState<PivotDivergenceState> state;

    /**
     * @param pivotBars N, bars on each side of a pivot
     * @param lookbackBars a divergence compares pivots at most this many minutes apart
     */
    public PivotDivergenceFunction(int pivotBars, int lookbackBars) {
        new SwingPivots(pivotBars); // fails here, at job build time, on a bad bar count
        this.pivotBars = pivotBars;
        this.lookbackMs = lookbackBars * KlineTimeframe.ONE_MINUTE.millis();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("pivot-divergence-state", PivotDivergenceState.class));
    }

    @Override
    public void processElement(KlineRow bar, Context ctx, Collector<MarketNotice> out) throws Exception {
        if (!bar.timeframe().equals(KlineTimeframe.ONE_MINUTE.label())) {
            return;
        }
        PivotDivergenceState s = state.value();
        if (s == null) {
            s = new PivotDivergenceState(pivotBars);
        }
        s.cvd += bar.takerDelta();
        long confirmedMs = bar.tsMs() + KlineTimeframe.ONE_MINUTE.millis();
        for (Pivot pivot : s.pivots.add(bar.tsMs(), bar.high(), bar.low(), s.cvd)) {
            out.collect(new MarketNotice(bar.symbol(), confirmedMs,
                    pivot.high() ? MarketNotice.PIVOT_HIGH : MarketNotice.PIVOT_LOW,
                    MetaJson.of(bar.symbol())
                            .put("pivot_ts_ms", pivot.barTimeMs())
                            .put("price", pivot.price())
                            .put("cvd", pivot.cvd())
                            .put("bars", pivotBars)
                            .toString()));
            DivergenceDetector.Divergence divergence = s.divergences.onPivot(pivot, lookbackMs);
            if (divergence != null) {
                out.collect(new MarketNotice(bar.symbol(), confirmedMs, divergence.type(),
                        MetaJson.of(bar.symbol())
                                .put("pivot", pivot.high() ? "high" : "low")
                                .put("previous_ts_ms", divergence.previous().barTimeMs())
                                .put("previous_price", divergence.previous().price())
                                .put("previous_cvd", divergence.previous().cvd())
                                .put("pivot_ts_ms", pivot.barTimeMs())
                                .put("price", pivot.price())
                                .put("cvd", pivot.cvd())
                                .toString()));
            }
        }
        state.update(s);
    }
}
