package io.orderflow.signal;

import io.orderflow.model.BookTop;
import io.orderflow.model.OfiRow;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol: the weighted multi-level OFI of each book update against the previous one, its
 * rolling z-score and its EMA. The first book of a symbol only sets the reference state.
 */
public class OfiFunction extends KeyedProcessFunction<String, BookTop, OfiRow> {

    /** OFI is not depth-normalised yet: the divisor is one. */
    static final double UNIT_SCALE = 1.0;

    private final double[] weights;
    private final int window;
    private final double emaAlpha;

    private transient ValueState<BookTop> previousBook;
    private transient ValueState<OfiState> stats;

    public OfiFunction(double[] weights, int window, double emaAlpha) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("OFI needs at least one level weight");
        }
        this.weights = weights.clone();
        this.window = window;
        this.emaAlpha = emaAlpha;
        new OfiState(window, emaAlpha); // fails here, at job build time, on a bad window or alpha
    }

    @Override
    public void open(OpenContext openContext) {
        previousBook = getRuntimeContext().getState(
                new ValueStateDescriptor<>("ofi-previous-book", BookTop.class));
        stats = getRuntimeContext().getState(new ValueStateDescriptor<>("ofi-stats", OfiState.class));
    }

    @Override
    public void processElement(BookTop book, Context ctx, Collector<OfiRow> out) throws Exception {
        BookTop previous = previousBook.value();
        previousBook.update(book);
        OfiState state = stats.value();
        if (state == null) {
            state = new OfiState(window, emaAlpha);
        }
        String regime = state.regime.record(book.eventTimeMs());
        if (previous != null) {
            double ofi = OrderFlowImbalance.weighted(previous, book, weights) / UNIT_SCALE;
            RollingStats w = state.window;
            w.add(ofi);
            out.collect(new OfiRow(
                    book.eventTimeMs(),
                    book.symbol(),
                    ofi,
                    w.zScore(ofi),
                    UNIT_SCALE,
                    regime,
                    state.ema.update(ofi),
                    !w.isFull(),
                    w.isStdZero()));
        }
        stats.update(state);
    }
}
