package io.orderflow.job.source.replay;

import io.orderflow.core.exchange.binance.feed.FeedSettings;
import io.orderflow.core.feed.MarketFeed;
import io.orderflow.core.replay.ReplayFeed;
import io.orderflow.job.source.MarketFeedSource;
import io.orderflow.job.source.reader.Playback;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Recorded Binance feeds as a bounded FLIP-27 source: one split per series of recordings that
 * continue each other (see {@link io.orderflow.core.replay.RecordingSeries}), each replayed by a
 * {@link ReplayFeed} through the live source's own feed. Replaying the same recordings gives the
 * same events, and a split restored from a checkpoint replays its series from the start and skips
 * what it had emitted, so it continues exactly.
 *
 * <p>Attach it with {@code env.fromSource(source, MarketWatermarks.create(), "replay")}.
 */
public final class ReplaySource extends MarketFeedSource<ReplaySplit> {

    private final ReplayConfig config;

    ReplaySource(ReplayConfig config) {
        this.config = config;
    }

    public static ReplaySourceBuilder builder() {
        return new ReplaySourceBuilder();
    }

    public ReplayConfig config() {
        return config;
    }

    @Override
    public List<ReplaySplit> initialSplits() {
        return config.series().stream().map(series -> new ReplaySplit(series, 0)).toList();
    }

    /** A recording ends. */
    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SimpleVersionedSerializer<ReplaySplit> getSplitSerializer() {
        return ReplaySplitSerializer.INSTANCE;
    }

    @Override
    protected MarketFeed openFeed(ReplaySplit split) throws IOException {
        return new ReplayMarketFeed(split.splitId(),
                new ReplayFeed(split.recordings(), FeedSettings.replay(config.market(), config.bookLevels())));
    }

    /** Every event of every recording: a replay has no limits of its own. */
    @Override
    protected Playback playback() {
        return new Playback(0, Long.MAX_VALUE, config.paced(), config.speed());
    }
}
