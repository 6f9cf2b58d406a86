package io.orderflow.job.signal;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.signal.FusionInputs;
import io.orderflow.core.signal.FusionState;
import io.orderflow.core.signal.RobustZScore;
import io.orderflow.core.signal.RollingMad;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol, on a common clock: every whole second of event time, the fusion score
 * {@code w_ofi · ofi_z + w_cvd · z_cvd} from the latest {@code ofi} and {@code cvd} rows at or before
 * that second, and the score's robust z-score against the last {@code window} ticks (their median and MAD, the
 * current one included).
 *
 * <p>One event-time timer per symbol drives the clock. Rows run ahead of it by however far the
 * watermark trails the data (seconds, in a fast replay), so each is parked under the second it
 * belongs to, keeping only the latest per second, and taken up when the clock reaches that second:
 * a tick sees exactly the rows up to its time, whatever the arrival interleaving. A row behind the
 * clock (late) only replaces an older one. Ticks go on through lulls; after {@code idleSec} without
 * input the symbol stops ticking and its state is dropped, so an idle symbol holds neither timers nor
 * state.
 *
 * <p>The weights and the window are the function's settings, applied to every tick after a resume;
 * a window of another length keeps each symbol's newest scores.
 */
public class FusionFunction extends KeyedCoProcessFunction<String, OfiRow, CvdRow, FusionRow> {

    static final long TICK_MS = 1000;

    private final double weightOfi;
    private final double weightCvd;
    private final int window;
    private final long idleMs;

    // Typed here, on the client, where the records' serializers are registered (see RecordTypes).
    private final TypeInformation<FusionState> stateType = TypeInformation.of(FusionState.class);
    private final TypeInformation<FusionInputs> inputsType = TypeInformation.of(FusionInputs.class);

    private transient ValueState<FusionState> state;
    private transient MapState<Long, FusionInputs> ahead;

    public FusionFunction(double weightOfi, double weightCvd, int window, int idleSec) {
        new RollingMad(window); // fails here, at job build time, on a bad window
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

    /** (x − median) / (1.4826 · MAD) over {@code window}; 0 when the MAD is 0, never NaN or infinite. */
    static double robustZ(RollingMad window, double x) {
        double scale = RobustZScore.MAD_TO_SIGMA * window.mad();
        return scale == 0.0 ? 0.0 : (x - window.median()) / scale;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("fusion-state", stateType));
        ahead = getRuntimeContext().getMapState(new MapStateDescriptor<>(
                "fusion-ahead", Types.LONG, inputsType));
    }

    @Override
    public void processElement1(OfiRow row, Context ctx, Collector<FusionRow> out) throws Exception {
        accept(row.tsMs(), ctx, inputs -> inputs.offer(row));
    }

    @Override
    public void processElement2(CvdRow row, Context ctx, Collector<FusionRow> out) throws Exception {
        accept(row.tsMs(), ctx, inputs -> inputs.offer(row));
    }

    /** Offers a row at {@code timeMs} to the inputs of the second it belongs to. */
    private void accept(long timeMs, Context ctx, Consumer<FusionInputs> offer) throws Exception {
        FusionState s = stateFor(timeMs, ctx);
        long second = tickOf(timeMs);
        if (second <= s.tickMs) {
            offer.accept(s.current);
        } else {
            FusionInputs inputs = ahead.get(second);
            inputs = inputs == null ? new FusionInputs() : inputs;
            offer.accept(inputs);
            ahead.put(second, inputs);
        }
        s.lastInputMs = Math.max(s.lastInputMs, timeMs);
        state.update(s);
    }

    /** The tick a row at {@code timeMs} first counts for: the whole second at or after it. */
    private static long tickOf(long timeMs) {
        return Math.floorDiv(timeMs + TICK_MS - 1, TICK_MS) * TICK_MS;
    }

    /** The symbol's state; a symbol's first input starts its clock at that input's tick. */
    private FusionState stateFor(long timeMs, Context ctx) throws Exception {
        FusionState s = state.value();
        if (s == null) {
            s = new FusionState(window);
            s.tickMs = tickOf(timeMs);
            ctx.timerService().registerEventTimeTimer(s.tickMs);
        }
        return s;
    }

    @Override
    public void onTimer(long tick, OnTimerContext ctx, Collector<FusionRow> out) throws Exception {
        FusionState s = state.value();
        FusionInputs in = s.current;
        if (in.isComplete()) {
            double score = score(weightOfi, in.ofi.ofiZ(), weightCvd, in.cvd.zCvd());
            s.scores = s.scores.resizedTo(window);
            s.scores.add(score);
            out.collect(new FusionRow(tick, ctx.getCurrentKey(), score, robustZ(s.scores, score),
                    in.ofi.ofiZ(), in.cvd.zCvd(), in.ofi.tsMs(), in.cvd.tsMs(), in.cvd.regime(),
                    s.scores.count() < window));
        }
        long next = tick + TICK_MS;
        if (next - s.lastInputMs > idleMs) { // nothing parked ahead either: it would be newer than the last input
            state.clear();
            ahead.clear();
            return;
        }
        FusionInputs later = ahead.get(next);
        if (later != null) {
            s.current.advanceTo(later);
            ahead.remove(next);
        }
        s.tickMs = next;
        ctx.timerService().registerEventTimeTimer(next);
        state.update(s);
    }
}
