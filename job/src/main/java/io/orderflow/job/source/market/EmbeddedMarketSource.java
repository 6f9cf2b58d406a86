package io.orderflow.job.source.market;

import io.orderflow.core.market.MarketSimulator;
import io.orderflow.job.source.MarketFeedSource;
import io.orderflow.job.source.reader.Playback;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A seeded synthetic market as a FLIP-27 source: one split per symbol, each a
 * {@link MarketSimulator} emitting trades and top-K books. The same settings give the same events,
 * and a split restored from a checkpoint continues exactly where it stopped, so a job on this
 * source can be checked for exactly-once results.
 *
 * <p>Bounded when {@code maxEventsPerSymbol} or {@code endTimeMs} is set. Attach it with
 * {@code env.fromSource(source, MarketWatermarks.create(), "embedded-market")}.
 */
public final class EmbeddedMarketSource extends MarketFeedSource<MarketSplit> {

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

    @Override
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
    public SimpleVersionedSerializer<MarketSplit> getSplitSerializer() {
        return MarketSplitSerializer.INSTANCE;
    }

    @Override
    protected MarketSimulator openFeed(MarketSplit split) {
        return new MarketSimulator(split.symbol(), split.seed(), split.startTimeMs(),
                config.eventsPerSecondPerSymbol(), config.bookLevels());
    }

    @Override
    protected Playback playback() {
        return new Playback(config.maxEventsPerSymbol(), config.endTimeMs(), config.paced(), config.speed());
    }
}
