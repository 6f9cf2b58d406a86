package io.orderflow.job.signal;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.MetaJson;
import io.orderflow.core.signal.SpreadBlowoutState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol, a {@code spread_blowout} event for a book whose best-level spread, in basis points of
 * the mid, reaches both {@code mult ×} its slow {@link CappedBaseline} over book updates and
 * {@code minBps}; at most one per cool-down, and none during the first {@link #WARMUP_BOOKS} books.
 */
public class SpreadBlowoutFunction extends KeyedProcessFunction<String, BookTop, MarketNotice> {

    /** About 1,000 book updates of memory: ~100 s of Binance's 100 ms depth stream. */
    static final double BASELINE_ALPHA = 0.001;
    static final long WARMUP_BOOKS = 100;

    private final double spreadMult;
    private final double spreadMinBps;
    private final long coolDownMs;

    private transient ValueState<SpreadBlowoutState> state;

    public SpreadBlowoutFunction(double spreadMult, double spreadMinBps, int coolDownSec) {
        if (!(spreadMult > 1) || !(spreadMinBps >= 0) || coolDownSec < 0) {
            throw new IllegalArgumentException("bad spread blow-out thresholds: x" + spreadMult + ", min "
                    + spreadMinBps + " bps, cool-down " + coolDownSec + " s");
        }
        this.spreadMult = spreadMult;
        this.spreadMinBps = spreadMinBps;
        this.coolDownMs = coolDownSec * 1000L;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("spread-blowout-state", SpreadBlowoutState.class));
    }

    @Override
    public void processElement(BookTop book, Context ctx, Collector<MarketNotice> out) throws Exception {
        double mid = book.mid();
        double bid = book.bidPrices()[0];
        double ask = book.askPrices()[0];
        if (Double.isNaN(mid) || ask <= bid) {
            return; // one side empty or crossed: no spread to speak of
        }
        double spreadBps = (ask - bid) / mid * 10_000.0;
        SpreadBlowoutState s = state.value();
        if (s == null) {
            s = new SpreadBlowoutState();
        }
        double baseline = s.baseline.value();
        double blowout = Math.max(spreadMult * baseline, spreadMinBps);
        if (s.baseline.isWarm(WARMUP_BOOKS) && spreadBps >= blowout && s.coolDown.tryFire(book.eventTimeMs(), coolDownMs)) {
            out.collect(new MarketNotice(book.symbol(), book.eventTimeMs(), MarketNotice.SPREAD_BLOWOUT,
                    MetaJson.of(book.symbol())
                            .put("spread_bps", spreadBps)
                            .put("baseline_bps", baseline)
                            .put("bid", bid)
                            .put("ask", ask)
                            .put("update_id", book.updateId())
                            .put("suppressed_before", s.coolDown.takeSuppressed())
                            .toString()));
        }
        s.baseline.update(BASELINE_ALPHA, spreadBps, blowout);
        state.update(s);
    }
}
