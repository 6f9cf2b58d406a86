package io.orderflow.job.source.binance.reader;

import io.orderflow.core.exchange.binance.feed.FeedOutput;
import io.orderflow.core.model.MarketEvent;

/**
 * One connection's side of the {@link Handoff}: its events go in under its split id. A processing thread
 * is never interrupted in normal operation; if it is, the event is given up like on a closed split.
 */
final class SplitOutput implements FeedOutput {

    private final String splitId;
    private final Handoff handoff;

    SplitOutput(String splitId, Handoff handoff) {
        this.splitId = splitId;
        this.handoff = handoff;
    }

    /** Waits for room (backpressure onto the socket); false once the split is closed. */
    @Override
    public boolean put(MarketEvent event) {
        try {
            return handoff.put(splitId, event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Only if there is room now. */
    @Override
    public boolean offer(MarketEvent event) {
        return handoff.offer(splitId, event);
    }

    /** A partial-depth book, which a newer one of its symbol may replace while the reader lags. */
    @Override
    public boolean putConflating(MarketEvent book) {
        try {
            return handoff.putConflating(splitId, book) == Handoff.Outcome.CONFLATED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean hasHeadroom() {
        return handoff.hasHeadroom();
    }

    /** Refuses the split's events from now on, releasing a processing thread waiting for room. */
    void close() {
        handoff.closeSplit(splitId);
    }
}
