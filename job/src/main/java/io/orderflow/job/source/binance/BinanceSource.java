package io.orderflow.job.source.binance;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.binance.enumerator.SplitPlanner;
import io.orderflow.job.source.binance.reader.BinanceSourceReader;
import io.orderflow.job.source.binance.split.BinanceSplit;
import io.orderflow.job.source.binance.split.BinanceSplitSerializer;
import io.orderflow.job.source.enumerator.StaticSplitEnumerator;
import io.orderflow.job.source.split.StaticEnumeratorState;
import io.orderflow.job.source.split.StaticEnumeratorStateSerializer;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Binance market data over WebSocket as a FLIP-27 source: trades, books rebuilt from diffs (or
 * partial depth) and feed notices, for spot or USD-M futures. A split is one connection; its
 * checkpointed state is the last trade id emitted per symbol.
 *
 * <p>Nothing is lost: after any reconnect or restore the trades missed are back-filled over REST
 * before live ones, duplicates are dropped, a book that misses a diff resyncs from a snapshot and
 * says so with a {@code book_resync} notice. See {@link BinanceSourceReader} for how.
 *
 * <p>The connections are planned once, when a job starts afresh: a job restored from a checkpoint or
 * savepoint keeps the streams it had (new symbols take a fresh start). Bounded when
 * {@code endTimeMs} is set. Attach it with
 * {@code env.fromSource(source, MarketWatermarks.create(), "binance").uid(..)}.
 */
public final class BinanceSource implements Source<MarketEvent, BinanceSplit, StaticEnumeratorState<BinanceSplit>> {

    private final BinanceSourceConfig config;

    BinanceSource(BinanceSourceConfig config) {
        this.config = config;
    }

    public static BinanceSourceBuilder builder() {
        return new BinanceSourceBuilder();
    }

    public BinanceSourceConfig config() {
        return config;
    }

    /** Every connection, nothing emitted yet. */
    public List<BinanceSplit> initialSplits() {
        return SplitPlanner.plan(config);
    }

    @Override
    public Boundedness getBoundedness() {
        return config.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<MarketEvent, BinanceSplit> createReader(SourceReaderContext context) {
        return new BinanceSourceReader(context, config);
    }

    @Override
    public SplitEnumerator<BinanceSplit, StaticEnumeratorState<BinanceSplit>> createEnumerator(
            SplitEnumeratorContext<BinanceSplit> context) {
        return new StaticSplitEnumerator<>(context, initialSplits(), config.isBounded());
    }

    @Override
    public SplitEnumerator<BinanceSplit, StaticEnumeratorState<BinanceSplit>> restoreEnumerator(
            SplitEnumeratorContext<BinanceSplit> context, StaticEnumeratorState<BinanceSplit> state) {
        return new StaticSplitEnumerator<>(context, state.unassignedSplits(), config.isBounded());
    }

    @Override
    public SimpleVersionedSerializer<BinanceSplit> getSplitSerializer() {
        return BinanceSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<StaticEnumeratorState<BinanceSplit>> getEnumeratorCheckpointSerializer() {
        return new StaticEnumeratorStateSerializer<>(BinanceSplitSerializer.INSTANCE);
    }
}
