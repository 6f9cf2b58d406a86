package io.orderflow.job.signal;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.signal.DecayingAverage;
import io.orderflow.core.signal.Ema;
import io.orderflow.core.signal.OfiState;
import io.orderflow.core.signal.OrderFlowImbalance;
import io.orderflow.core.signal.RollingStats;
import io.orderflow.job.metrics.ProcessingLatency;
import io.orderflow.job.serde.RecordTypes;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol: the weighted multi-level OFI of each book update against the previous one, divided
 * by the mean depth of those levels over an event-time decaying window (Cont, Cucuringu and Zhang
 * 2023), its rolling z-score and its EMA; beside them the book's best bid and ask and the raw
 * level-1 contribution, for a regression on the mid price and for comparing best-level with
 * multi-level OFI. The first book of a symbol only sets the reference state and starts the depth
 * average.
 *
 * <p>The settings are the function's, not the state's: a job resumed with another EMA alpha or depth
 * half-life applies them from its first book on, and one resumed with another window length carries
 * each symbol's newest values over to a window of the new length.
 *
 * <p>It is where a book becomes a row, so it also measures the books' {@link ProcessingLatency}.
 */
public class OfiFunction extends KeyedProcessFunction<String, BookTop, OfiRow> {

    private final double[] weights;
    private final int window;
    private final double emaAlpha;
    private final double depthHalfLifeSec;
    private final boolean receiveTimeIsLocal;

    private transient ValueState<BookTop> previousBook;
    private transient ValueState<OfiState> stats;
    /** Null unless {@link #receiveTimeIsLocal}. */
    private transient ProcessingLatency processingLatency;

    /**
     * @param receiveTimeIsLocal whether books carry the time this process received them, which the
     *     processing latency is measured from; not so in a replay or the embedded market
     */
    public OfiFunction(double[] weights, int window, double emaAlpha, double depthHalfLifeSec,
            boolean receiveTimeIsLocal) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("OFI needs at least one level weight");
        }
        new RollingStats(window); // fails here, at job build time, on a bad window
        this.weights = weights.clone();
        this.window = window;
        this.emaAlpha = Ema.checkAlpha(emaAlpha);
        this.depthHalfLifeSec = DecayingAverage.checkHalfLife(depthHalfLifeSec);
        this.receiveTimeIsLocal = receiveTimeIsLocal;
    }

    @Override
    public void open(OpenContext openContext) {
        previousBook = getRuntimeContext().getState(
                new ValueStateDescriptor<>("ofi-previous-book", RecordTypes.BOOK_TOP));
        stats = getRuntimeContext().getState(new ValueStateDescriptor<>("ofi-stats", OfiState.class));
        if (receiveTimeIsLocal) {
            processingLatency = new ProcessingLatency(getRuntimeContext().getMetricGroup(), "ofi");
        }
    }

    @Override
    public void processElement(BookTop book, Context ctx, Collector<OfiRow> out) throws Exception {
        BookTop previous = previousBook.value();
        previousBook.update(book);
        OfiState state = stats.value();
        if (state == null) {
            state = new OfiState(window);
        }
        String regime = state.regime.record(book.eventTimeMs());
        double depth = state.depth.add(depthHalfLifeSec, book.eventTimeMs(),
                OrderFlowImbalance.meanDepth(book, weights.length));
        if (previous != null) {
            double ofi = OrderFlowImbalance.normalised(OrderFlowImbalance.weighted(previous, book, weights), depth);
            RollingStats w = state.window.resizedTo(window);
            state.window = w;
            w.add(ofi);
            out.collect(new OfiRow(
                    book.eventTimeMs(),
                    book.symbol(),
                    ofi,
                    w.zScore(ofi),
                    depth,
                    regime,
                    state.ema.update(emaAlpha, ofi),
                    !w.isFull(),
                    w.isStdZero(),
                    book.bestBid(),
                    book.bestAsk(),
                    OrderFlowImbalance.atLevel(previous, book, 0)));
            if (processingLatency != null) {
                processingLatency.rowProduced(book.receiveTimeMs(), ctx.timerService().currentProcessingTime());
            }
        }
        stats.update(state);
    }
}
