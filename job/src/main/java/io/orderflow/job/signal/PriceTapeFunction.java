package io.orderflow.job.signal;

import io.orderflow.core.model.PriceRow;
import io.orderflow.core.model.Trade;
import io.orderflow.core.signal.DecayingRate;
import io.orderflow.job.metrics.ProcessingLatency;
import io.orderflow.job.metrics.SymbolTapeMetrics;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol: the trade tape with the receive latency of each trade and the symbol's rolling
 * receive rate (trades per second over ~10 s of receive time). Both also go to the per-symbol
 * metrics ({@link SymbolTapeMetrics}: receive rate, latency quantiles, empty one-minute buckets).
 * It is where a trade becomes a row, so it also measures the trades' {@link ProcessingLatency}.
 */
public class PriceTapeFunction extends KeyedProcessFunction<String, Trade, PriceRow> {

    static final double RECEIVE_RATE_TAU_SEC = 10.0;

    private final boolean receiveTimeIsLocal;

    private transient ValueState<DecayingRate> receiveRate;
    /** Operator-local, not state: metrics start afresh with each run of the task. */
    private transient Map<String, SymbolTapeMetrics> metrics;
    /** Null unless {@link #receiveTimeIsLocal}. */
    private transient ProcessingLatency processingLatency;

    /**
     * @param receiveTimeIsLocal whether trades carry the time this process received them, which the
     *     processing latency is measured from; not so in a replay or the embedded market
     */
    public PriceTapeFunction(boolean receiveTimeIsLocal) {
        this.receiveTimeIsLocal = receiveTimeIsLocal;
    }

    @Override
    public void open(OpenContext openContext) {
        receiveRate = getRuntimeContext().getState(
                new ValueStateDescriptor<>("prices-receive-rate", DecayingRate.class));
        metrics = new HashMap<>();
        if (receiveTimeIsLocal) {
            processingLatency = new ProcessingLatency(getRuntimeContext().getMetricGroup(), "prices");
        }
    }

    @Override
    public void processElement(Trade trade, Context ctx, Collector<PriceRow> out) throws Exception {
        DecayingRate rate = receiveRate.value();
        if (rate == null) {
            rate = new DecayingRate(RECEIVE_RATE_TAU_SEC);
        }
        rate.record(trade.receiveTimeMs());
        receiveRate.update(rate);
        long latencyMs = trade.receiveTimeMs() - trade.eventTimeMs();
        double perSecond = rate.perSecond();
        SymbolTapeMetrics symbolMetrics = metrics.get(trade.symbol());
        if (symbolMetrics == null) {
            symbolMetrics = new SymbolTapeMetrics(getRuntimeContext().getMetricGroup(), trade.symbol());
            metrics.put(trade.symbol(), symbolMetrics);
        }
        symbolMetrics.record(trade.tradeTimeMs(), trade.receiveTimeMs(), latencyMs, perSecond);
        out.collect(new PriceRow(
                trade.tradeTimeMs(),
                trade.eventTimeMs(),
                trade.symbol(),
                trade.price(),
                trade.qty(),
                trade.tradeId(),
                latencyMs,
                perSecond));
        if (processingLatency != null) {
            processingLatency.rowProduced(trade.receiveTimeMs(), ctx.timerService().currentProcessingTime());
        }
    }
}
