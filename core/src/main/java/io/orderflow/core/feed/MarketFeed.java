package io.orderflow.core.feed;

import io.orderflow.core.model.MarketEvent;

/**
 * One split's market as a deterministic, resumable stream: opened again and skipped past the events
 * already taken, it continues with exactly the events that would have followed. That is what lets a
 * reader checkpoint a split as a bare event count.
 */
public interface MarketFeed extends AutoCloseable {

    /** The next event, or {@code null} once the feed is exhausted (and from then on). */
    MarketEvent next();

    /**
     * Advances past {@code events} events exactly as if they had been taken with {@link #next},
     * stopping early at the end of the feed.
     */
    default void skip(long events) {
        long skipped = 0;
        while (skipped < events && next() != null) {
            skipped++;
        }
    }

    /** Releases what the feed holds open; a generated feed holds nothing. */
    @Override
    default void close() {}
}
