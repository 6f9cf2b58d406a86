package io.orderflow.source;

import io.orderflow.model.MarketEvent;
import io.orderflow.source.enumerator.MarketSplitEnumerator;
import io.orderflow.source.reader.EmbeddedMarketReader;
import io.orderflow.source.split.MarketEnumeratorState;
import io.orderflow.source.split.MarketEnumeratorStateSerializer;
import io.orderflow.source.split.MarketSplit;
import io.orderflow.source.split.MarketSplitSerializer;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A seeded synthetic market as a FLIP-27 source: one split per symbol, each a
 * {@link io.orderflow.source.market.MarketSimulator} emitting trades and top-K books. The same
 * settings give the same events, and a split restored from a checkpoint continues exactly where
 * it stopped, so a job on this source can be checked for exactly-once results.
 *
 * <p>Bounded when {@code maxEventsPerSymbol} or {@code endTimeMs} is set. Attach it with
 * {@code env.fromSource(source, MarketWatermarks.create(), "embedded-market")}.
 */
public final class EmbeddedMarketSource implements Source<MarketEvent, MarketSplit, MarketEnumeratorState> {

    private final EmbeddedMarketConfig config;

    EmbeddedMarketSource(EmbeddedMarketConfig config) {
        this.config = config;
    }

    public static EmbeddedMarketSourceBuilder builder() {
        return new EmbeddedMarketSourceBuilder();
    }

    public EmbeddedMarketConfig config() {
        return config;
    }

    /** Every symbol's split from its first event. */
    public List<MarketSplit> initialSplits() {
        return config.symbols().stream()
                .map(symbol -> new MarketSplit(symbol, config.seed(), config.startTimeMs(), 0))
                .toList();
    }

    @Override
    public Boundedness getBoundedness() {
        return config.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<MarketEvent, MarketSplit> createReader(SourceReaderContext context) {
        return new EmbeddedMarketReader(context, config);
    }

    @Override
    public SplitEnumerator<MarketSplit, MarketEnumeratorState> createEnumerator(
            SplitEnumeratorContext<MarketSplit> context) {
        return new MarketSplitEnumerator(context, initialSplits());
    }

    @Override
    public SplitEnumerator<MarketSplit, MarketEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<MarketSplit> context, MarketEnumeratorState state) {
        return new MarketSplitEnumerator(context, state.unassignedSplits());
    }

    @Override
    public SimpleVersionedSerializer<MarketSplit> getSplitSerializer() {
        return MarketSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<MarketEnumeratorState> getEnumeratorCheckpointSerializer() {
        return MarketEnumeratorStateSerializer.INSTANCE;
    }
}
