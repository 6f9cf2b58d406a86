package io.orderflow.signal;

import io.orderflow.model.CvdRow;
import io.orderflow.model.FusionRow;
import io.orderflow.model.OfiRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol, on a common clock: every whole second of event time, the fusion score
 * {@code w_ofi · ofi_z + w_cvd · z_cvd} from the latest {@code ofi} and {@code cvd} rows at or before
 * that second, and the score's robust z-score against the last {@code window} ticks.
 *
 * <p>One event-time timer per symbol drives the clock. Rows that arrive ahead of the pending tick
 * (the watermark trails the data) are held until the tick after, so a tick sees exactly the rows up
 * to its time whatever the arrival interleaving, as long as the watermark lags less than a second.
 * Ticks go on through lulls; after {@code idleSec} without input the symbol stops ticking and its
 * state is dropped, so an idle symbol holds neither timers nor state.
 */
public class FusionFunction extends KeyedCoProcessFunction<String, OfiRow, CvdRow, FusionRow> {

    static final long TICK_MS = 1000;

    private final double weightOfi;
    private final double weightCvd;
    private final int window;
    private final long idleMs;

    private transient ValueState<FusionState> state;

    public FusionFunction(double weightOfi, double weightCvd, int window, int idleSec) {
        new RobustZScore(window); // fails here, at job build time, on a bad window
        if (idleSec < 1) {
            throw new IllegalArgumentException("fusion idle time must be at least 1 s, got " + idleSec);
        }
        this.weightOfi = weightOfi;
        this.weightCvd = weightCvd;
        this.window = window;
        this.idleMs = idleSec * 1000L;
    }

    /** The fusion score of one tick. */
    public static double score(double weightOfi, double ofiZ, double weightCvd, double zCvd) {
        return weightOfi * ofiZ + weightCvd * zCvd;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("fusion-state", FusionState.class));
    }

    @Override
    public void processElement1(OfiRow row, Context ctx, Collector<FusionRow> out) throws Exception {
        FusionState s = stateFor(row.tsMs(), ctx);
        // a row older than the one held (late data) does not replace it
        if (row.tsMs() > s.tickMs) {
            s.laterOfi = s.laterOfi == null || row.tsMs() >= s.laterOfi.tsMs() ? row : s.laterOfi;
        } else if (s.ofi == null || row.tsMs() >= s.ofi.tsMs()) {
            s.ofi = row;
        }
        s.lastInputMs = Math.max(s.lastInputMs, row.tsMs());
        state.update(s);
    }

    @Override
    public void processElement2(CvdRow row, Context ctx, Collector<FusionRow> out) throws Exception {
        FusionState s = stateFor(row.tsMs(), ctx);
        if (row.tsMs() > s.tickMs) {
            s.laterCvd = s.laterCvd == null || row.tsMs() >= s.laterCvd.tsMs() ? row : s.laterCvd;
        } else if (s.cvd == null || row.tsMs() >= s.cvd.tsMs()) {
            s.cvd = row;
        }
        s.lastInputMs = Math.max(s.lastInputMs, row.tsMs());
        state.update(s);
    }

    /** The symbol's state; a symbol's first input starts its clock at the second that ends at or after it. */
    private FusionState stateFor(long timeMs, Context ctx) throws Exception {
        FusionState s = state.value();
        if (s == null) {
            s = new FusionState(window);
            s.tickMs = Math.floorDiv(timeMs + TICK_MS - 1, TICK_MS) * TICK_MS;
            ctx.timerService().registerEventTimeTimer(s.tickMs);
        }
        return s;
    }

    @Override
    public void onTimer(long tick, OnTimerContext ctx, Collector<FusionRow> out) throws Exception {
        FusionState s = state.value();
        if (s.ofi != null && s.cvd != null) {
            double score = score(weightOfi, s.ofi.ofiZ(), weightCvd, s.cvd.zCvd());
            s.scores.add(score);
            out.collect(new FusionRow(tick, ctx.getCurrentKey(), score, s.scores.zScore(score),
                    s.ofi.ofiZ(), s.cvd.zCvd(), s.ofi.tsMs(), s.cvd.tsMs(), s.cvd.regime(), !s.scores.isFull()));
        }
        long nextTick = tick + TICK_MS;
        if (s.laterOfi != null && s.laterOfi.tsMs() <= nextTick) {
            s.ofi = s.laterOfi;
            s.laterOfi = null;
        }
        if (s.laterCvd != null && s.laterCvd.tsMs() <= nextTick) {
            s.cvd = s.laterCvd;
            s.laterCvd = null;
        }
        if (nextTick - s.lastInputMs > idleMs) {
            state.clear();
            return;
        }
        s.tickMs = nextTick;
        ctx.timerService().registerEventTimeTimer(nextTick);
        state.update(s);
    }
}
