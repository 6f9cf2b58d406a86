package io.orderflow.job.source.replay;

import io.orderflow.core.feed.MarketFeed;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.replay.ReplayFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link ReplayFeed} as the reader sees a feed; what the replay met is logged when it closes. */
final class ReplayMarketFeed implements MarketFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayMarketFeed.class);

    private final String splitId;
    private final ReplayFeed replay;

    ReplayMarketFeed(String splitId, ReplayFeed replay) {
        this.splitId = splitId;
        this.replay = replay;
    }

    @Override
    public MarketEvent next() {
        return replay.hasNext() ? replay.next() : null;
    }

    @Override
    public void skip(long events) {
        replay.skip(events);
    }

    @Override
    public void close() {
        LOG.info("Replay of {} closed after {} events: {}", splitId, replay.emitted(), replay.stats());
        try {
            replay.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the replay of " + splitId, e);
        }
    }
}
