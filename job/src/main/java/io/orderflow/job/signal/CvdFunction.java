package io.orderflow.job.signal;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.Trade;
import io.orderflow.core.signal.CvdState;
import io.orderflow.core.signal.RecentScaleHealth;
import io.orderflow.core.signal.RobustScaleSettings;
import io.orderflow.core.signal.RobustZScore;
import io.orderflow.core.signal.ZMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol: cumulative volume delta (the running sum of signed taker volume) and a robust z-score
 * ({@link RobustZScore}) of either each trade's delta ({@code Z_MODE=delta}) or of the CVD against
 * its own slow trend ({@code Z_MODE=level}), winsorised for {@code z_cvd}.
 *
 * <p>Per subtask it reports the gauges {@code cvd_scale_median} and {@code cvd_floor_hit_rate} over
 * its last {@link #HEALTH_ROWS} rows: a keyed function cannot keep metrics per symbol cheaply.
 */
public class CvdFunction extends KeyedProcessFunction<String, Trade, CvdRow> {

    static final int HEALTH_ROWS = 1_000;

    private final ZMode zMode;
    private final RobustScaleSettings settings;

    private transient ValueState<CvdState> state;
    private transient RecentScaleHealth health;

    public CvdFunction(ZMode zMode, RobustScaleSettings settings) {
        this.zMode = zMode;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("cvd-state", CvdState.class));
        health = new RecentScaleHealth(HEALTH_ROWS);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        metrics.gauge("cvd_scale_median", (Gauge<Double>) health::medianScale);
        metrics.gauge("cvd_floor_hit_rate", (Gauge<Double>) health::floorHitRate);
    }

    @Override
    public void processElement(Trade trade, Context ctx, Collector<CvdRow> out) throws Exception {
        CvdState s = state.value();
        if (s == null) {
            s = new CvdState(settings);
        }
        double delta = trade.signedQty();
        s.cvd += delta;
        RobustZScore z = s.z;
        double zCvd = z.update(settings, trade.tradeTimeMs(), zMode == ZMode.LEVEL ? s.cvd : delta);
        health.record(z.scale, z.floorUsed);
        out.collect(new CvdRow(
                trade.tradeTimeMs(),
                trade.symbol(),
                trade.tradeId(),
                s.cvd,
                delta,
                z.zRaw,
                zCvd,
                z.scale,
                z.sigmaFloor,
                z.floorUsed,
                s.regime.record(trade.eventTimeMs())));
        state.update(s);
    }
}
