package io.orderflow.signal;

import io.orderflow.model.CvdRow;
import io.orderflow.model.Trade;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol: cumulative volume delta (the running sum of signed taker volume) and the z-score of
 * each trade's delta against a rolling window of deltas, winsorised for {@code z_cvd}.
 *
 * <p>The scale is the window's plain standard deviation; there is no floor on it yet, so
 * {@code sigma_floor} is 0 and {@code floor_used} false.
 */
public class CvdFunction extends KeyedProcessFunction<String, Trade, CvdRow> {

    static final double NO_FLOOR = 0.0;

    private final int window;
    private final double winsorLimit;

    private transient ValueState<CvdState> state;

    public CvdFunction(int window, double winsorLimit) {
        if (!(winsorLimit > 0.0)) {
            throw new IllegalArgumentException("winsor limit must be positive, got " + winsorLimit);
        }
        new RollingStats(window); // fails here, at job build time, on a bad window
        this.window = window;
        this.winsorLimit = winsorLimit;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("cvd-state", CvdState.class));
    }

    @Override
    public void processElement(Trade trade, Context ctx, Collector<CvdRow> out) throws Exception {
        CvdState s = state.value();
        if (s == null) {
            s = new CvdState(window);
        }
        double delta = trade.signedQty();
        s.cvd += delta;
        s.deltas.add(delta);
        double zRaw = s.deltas.zScore(delta);
        out.collect(new CvdRow(
                trade.tradeTimeMs(),
                trade.symbol(),
                s.cvd,
                delta,
                zRaw,
                winsorise(zRaw, winsorLimit),
                s.deltas.std(),
                NO_FLOOR,
                false,
                s.regime.record(trade.eventTimeMs())));
        state.update(s);
    }

    /** Clips z to [−limit, limit]. */
    static double winsorise(double z, double limit) {
        return Math.max(-limit, Math.min(limit, z));
    }
}
