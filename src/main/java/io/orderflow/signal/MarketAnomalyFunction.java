package io.orderflow.signal;

import io.orderflow.model.BookTop;
import io.orderflow.model.FusionRow;
import io.orderflow.model.MarketNotice;
import io.orderflow.model.MetaJson;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol, anomalies of the market itself:
 *
 * <ul>
 *   <li>{@code score_extreme}: a fusion tick, past warm-up, with {@code |score_z| ≥ threshold};
 *   <li>{@code spread_blowout}: a book whose best-level spread, in basis points of the mid, reaches
 *       both {@code mult ×} its slow {@link CappedBaseline} over book updates and {@code minBps}. No
 *       event during the first {@link #SPREAD_WARMUP_BOOKS} books.
 * </ul>
 *
 * Each kind has its own cool-down per symbol.
 */
public class MarketAnomalyFunction extends KeyedCoProcessFunction<String, FusionRow, BookTop, MarketNotice> {

    /** About 1,000 book updates of memory: ~100 s of Binance's 100 ms depth stream. */
    static final double SPREAD_BASELINE_ALPHA = 0.001;
    static final long SPREAD_WARMUP_BOOKS = 100;

    private final double scoreZThreshold;
    private final double spreadMult;
    private final double spreadMinBps;
    private final long coolDownMs;

    private transient ValueState<MarketAnomalyState> state;

    public MarketAnomalyFunction(double scoreZThreshold, double spreadMult, double spreadMinBps, int coolDownSec) {
        if (!(scoreZThreshold > 0) || !(spreadMult > 1) || !(spreadMinBps >= 0) || coolDownSec < 0) {
            throw new IllegalArgumentException("bad anomaly thresholds: score_z " + scoreZThreshold
                    + ", spread x" + spreadMult + ", spread min " + spreadMinBps + " bps, cool-down " + coolDownSec + " s");
        }
        this.scoreZThreshold = scoreZThreshold;
        this.spreadMult = spreadMult;
        this.spreadMinBps = spreadMinBps;
        this.coolDownMs = coolDownSec * 1000L;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("market-anomaly-state", MarketAnomalyState.class));
    }

    private MarketAnomalyState current() throws Exception {
        MarketAnomalyState s = state.value();
        return s == null ? new MarketAnomalyState(SPREAD_BASELINE_ALPHA, SPREAD_WARMUP_BOOKS) : s;
    }

    @Override
    public void processElement1(FusionRow tick, Context ctx, Collector<MarketNotice> out) throws Exception {
        if (tick.warmup() || Math.abs(tick.scoreZ()) < scoreZThreshold) {
            return;
        }
        MarketAnomalyState s = current();
        if (s.scoreCoolDown.tryFire(tick.tsMs(), coolDownMs)) {
            out.collect(new MarketNotice(tick.symbol(), tick.tsMs(), MarketNotice.SCORE_EXTREME,
                    MetaJson.of(tick.symbol())
                            .put("side", tick.scoreZ() > 0 ? "buy" : "sell")
                            .put("score_z", tick.scoreZ())
                            .put("score", tick.score())
                            .put("ofi_z", tick.ofiZ())
                            .put("z_cvd", tick.zCvd())
                            .put("regime", tick.regime())
                            .put("threshold", scoreZThreshold)
                            .put("suppressed_before", s.scoreCoolDown.takeSuppressed())
                            .toString()));
        }
        state.update(s);
    }

    @Override
    public void processElement2(BookTop book, Context ctx, Collector<MarketNotice> out) throws Exception {
        double mid = book.mid();
        double bid = book.bidPrices()[0];
        double ask = book.askPrices()[0];
        if (Double.isNaN(mid) || ask <= bid) {
            return; // one side empty or crossed: no spread to speak of
        }
        double spreadBps = (ask - bid) / mid * 10_000.0;
        MarketAnomalyState s = current();
        double baseline = s.spreadBaseline.value();
        double blowout = Math.max(spreadMult * baseline, spreadMinBps);
        if (s.spreadBaseline.isWarm() && spreadBps >= blowout
                && s.spreadCoolDown.tryFire(book.eventTimeMs(), coolDownMs)) {
            out.collect(new MarketNotice(book.symbol(), book.eventTimeMs(), MarketNotice.SPREAD_BLOWOUT,
                    MetaJson.of(book.symbol())
                            .put("spread_bps", spreadBps)
                            .put("baseline_bps", baseline)
                            .put("bid", bid)
                            .put("ask", ask)
                            .put("update_id", book.updateId())
                            .put("suppressed_before", s.spreadCoolDown.takeSuppressed())
                            .toString()));
        }
        s.spreadBaseline.update(spreadBps, blowout);
        state.update(s);
    }
}
