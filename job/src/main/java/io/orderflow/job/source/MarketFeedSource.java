package io.orderflow.job.source;

import io.orderflow.core.feed.MarketFeed;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.enumerator.StaticSplitEnumerator;
import io.orderflow.job.source.reader.MarketFeedReader;
import io.orderflow.job.source.reader.Playback;
import io.orderflow.job.source.split.FeedSplit;
import io.orderflow.job.source.split.StaticEnumeratorState;
import io.orderflow.job.source.split.StaticEnumeratorStateSerializer;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source over a fixed set of splits, each read from a deterministic, resumable
 * {@link MarketFeed}: the splits are spread evenly over the readers, a reader merges its splits
 * by event time, and a split is checkpointed as the number of events it has emitted. A subclass
 * says which splits there are, how a split's feed is opened and how it is played; the source,
 * shipped to every task, is the factory of its feeds.
 *
 * <p>Attach it with {@code env.fromSource(source, MarketWatermarks.create(), name)}.
 */
public abstract class MarketFeedSource<S extends FeedSplit<S>>
        implements Source<MarketEvent, S, StaticEnumeratorState<S>> {

    /** Every split from its first event. */
    public abstract List<S> initialSplits();

    /** Opens the split's feed at its first event, whatever the split has already emitted. */
    protected abstract MarketFeed openFeed(S split) throws IOException;

    protected abstract Playback playback();

    @Override
    public final MarketFeedReader<S> createReader(SourceReaderContext context) {
        return new MarketFeedReader<>(context, this::openFeed, playback());
    }

    @Override
    public final SplitEnumerator<S, StaticEnumeratorState<S>> createEnumerator(
            SplitEnumeratorContext<S> context) {
        return new StaticSplitEnumerator<>(context, initialSplits(), true);
    }

    @Override
    public final SplitEnumerator<S, StaticEnumeratorState<S>> restoreEnumerator(
            SplitEnumeratorContext<S> context, StaticEnumeratorState<S> state) {
        return new StaticSplitEnumerator<>(context, state.unassignedSplits(), true);
    }

    @Override
    public final SimpleVersionedSerializer<StaticEnumeratorState<S>> getEnumeratorCheckpointSerializer() {
        return new StaticEnumeratorStateSerializer<>(getSplitSerializer());
    }
}
