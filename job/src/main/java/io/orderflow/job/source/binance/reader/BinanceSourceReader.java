package io.orderflow.job.source.binance.reader;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.binance.BinanceSourceConfig;
import io.orderflow.job.source.binance.split.BinanceSplit;
import io.orderflow.job.source.binance.split.BinanceSplitState;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a subtask's Binance connections. The sockets push: each connection's messages are parsed
 * and turned into events (books kept, trades sequenced) by a {@link FeedProcessor}, and handed over
 * through a bounded {@link Handoff}; one fetcher thread ({@link BinanceSplitReader}) drains it into
 * per-split batches; the task thread emits them ({@link BinanceRecordEmitter}), moving each split's
 * last trade id. See {@link FeedConnection} for reconnects and watchdogs.
 *
 * <p>Counters: see {@link BinanceSourceMetrics}, on this reader's metric group.
 */
public final class BinanceSourceReader
        extends SingleThreadMultiplexSourceReaderBase<MarketEvent, MarketEvent, BinanceSplit, BinanceSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceSourceReader.class);

    private final BinanceSourceMetrics metrics;

    public BinanceSourceReader(SourceReaderContext context, BinanceSourceConfig config) {
        this(context, config, new Handoff(config.handoffCapacity()));
    }

    private BinanceSourceReader(SourceReaderContext context, BinanceSourceConfig config, Handoff handoff) {
        this(context, config, handoff, new BinanceSourceMetrics(context.metricGroup(), handoff::size));
    }

    private BinanceSourceReader(SourceReaderContext context, BinanceSourceConfig config, Handoff handoff,
            BinanceSourceMetrics metrics) {
        super(() -> new BinanceSplitReader(config, handoff, metrics, context.getIndexOfSubtask(),
                        context.currentParallelism()),
                new BinanceRecordEmitter(), context.getConfiguration(), context);
        this.metrics = metrics;
    }

    /** The counters, readable without a metric reporter. */
    public BinanceSourceMetrics metrics() {
        return metrics;
    }

    @Override
    protected void onSplitFinished(Map<String, BinanceSplitState> finished) {
        LOG.info("Reader {}: finished {}", context.getIndexOfSubtask(), finished.keySet());
    }

    @Override
    protected BinanceSplitState initializedState(BinanceSplit split) {
        return new BinanceSplitState(split);
    }

    @Override
    protected BinanceSplit toSplitType(String splitId, BinanceSplitState state) {
        return state.toSplit();
    }
}
