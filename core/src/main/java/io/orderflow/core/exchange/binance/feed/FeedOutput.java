package io.orderflow.core.exchange.binance.feed;

import io.orderflow.core.model.MarketEvent;

/**
 * Where the feed's events go: the live source's bounded hand-off to its reader, or replay's queue.
 * What the feed does when there is no room is the same in both: only a live reader lagging behind
 * its exchange ever lacks it.
 */
public interface FeedOutput {

    /** Waits for room; false once the output is closed (the event is given up). */
    boolean put(MarketEvent event);

    /** Only if there is room now; false if not. */
    boolean offer(MarketEvent event);

    /**
     * A partial-depth book, which may replace an older queued book of its symbol while the reader
     * lags: true if it did (a book was dropped), false if it was simply added.
     */
    boolean putConflating(MarketEvent book);

    /** Room to spare: a resync (whose first books come in a burst) is worth starting. */
    boolean hasHeadroom();
}
