package io.orderflow.job.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A split read from a {@link io.orderflow.core.feed.MarketFeed}: whatever opens its feed, plus how
 * many events it has emitted. A restored reader opens the feed again and skips that many.
 */
public interface FeedSplit<S extends FeedSplit<S>> extends SourceSplit {

    long eventsEmitted();

    S withEventsEmitted(long events);
}
