package io.orderflow.job.signal;

import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.MetaJson;
import io.orderflow.core.model.PriceRow;
import io.orderflow.core.signal.ActivityRegime;
import io.orderflow.core.signal.FeedAnomalyState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol, anomalies of the feed, from the trade tape ({@code prices} rows):
 *
 * <ul>
 *   <li>{@code latency_spike}: a trade whose receive latency exceeds its slow baseline by
 *       {@code spikeMs}. The baseline ({@link CappedBaseline} over trades), not zero, is the
 *       reference: the exchange's and our clocks differ by a constant that is not latency. No event
 *       during the first {@link #LATENCY_WARMUP_TRADES} trades.
 *   <li>{@code data_gap}: no trade for {@code gapMs} of exchange event time while the symbol's trade
 *       rate regime was {@code active} at the last trade before the silence. It is reported when the
 *       trades resume, at the first trade after the gap.
 * </ul>
 *
 * Each kind has its own cool-down per symbol.
 */
public class FeedAnomalyFunction extends KeyedProcessFunction<String, PriceRow, MarketNotice> {

    /** About 1,000 trades of memory. */
    static final double LATENCY_BASELINE_ALPHA = 0.001;
    static final long LATENCY_WARMUP_TRADES = 100;

    private final long spikeMs;
    private final long gapMs;
    private final long coolDownMs;

    private transient ValueState<FeedAnomalyState> state;

    public FeedAnomalyFunction(int spikeMs, double gapSec, int coolDownSec) {
        if (spikeMs < 1 || !(gapSec > 0) || coolDownSec < 0) {
            throw new IllegalArgumentException("bad feed anomaly thresholds: spike " + spikeMs + " ms, gap "
                    + gapSec + " s, cool-down " + coolDownSec + " s");
        }
        this.spikeMs = spikeMs;
        this.gapMs = Math.round(gapSec * 1000);
        this.coolDownMs = coolDownSec * 1000L;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("feed-anomaly-state", FeedAnomalyState.class));
    }

    @Override
    public void processElement(PriceRow trade, Context ctx, Collector<MarketNotice> out) throws Exception {
        FeedAnomalyState s = state.value();
        if (s == null) {
            s = new FeedAnomalyState();
        }
        long eventMs = trade.eventTsMs();
        checkLatency(trade, s, out);
        if (s.lastRegime != null) { // a trade came before
            long gap = eventMs - s.lastEventMs;
            if (gap >= gapMs && ActivityRegime.ACTIVE.equals(s.lastRegime)
                    && s.gapCoolDown.tryFire(eventMs, coolDownMs)) {
                out.collect(new MarketNotice(trade.symbol(), eventMs, MarketNotice.DATA_GAP,
                        MetaJson.of(trade.symbol())
                                .put("gap_ms", gap)
                                .put("from_ts_ms", s.lastEventMs)
                                .put("to_ts_ms", eventMs)
                                .put("regime_before", s.lastRegime)
                                .put("suppressed_before", s.gapCoolDown.takeSuppressed())
                                .toString()));
            }
        }
        s.lastRegime = s.regime.record(eventMs);
        s.lastEventMs = Math.max(s.lastEventMs, eventMs);
        state.update(s);
    }

    private void checkLatency(PriceRow trade, FeedAnomalyState s, Collector<MarketNotice> out) {
        long latency = trade.latencyMs();
        double baseline = s.latencyBaseline.value();
        double spike = baseline + spikeMs;
        if (s.latencyBaseline.isWarm(LATENCY_WARMUP_TRADES) && latency >= spike
                && s.latencyCoolDown.tryFire(trade.eventTsMs(), coolDownMs)) {
            out.collect(new MarketNotice(trade.symbol(), trade.eventTsMs(), MarketNotice.LATENCY_SPIKE,
                    MetaJson.of(trade.symbol())
                            .put("latency_ms", latency)
                            .put("baseline_ms", baseline)
                            .put("excess_ms", latency - baseline)
                            .put("trade_id", trade.aggTradeId())
                            .put("suppressed_before", s.latencyCoolDown.takeSuppressed())
                            .toString()));
        }
        s.latencyBaseline.update(LATENCY_BASELINE_ALPHA, latency, spike);
    }
}
