package io.orderflow.job.source.market;

import io.orderflow.job.source.split.FeedSplit;

/**
 * One symbol's simulated market, and how far into it the reader has got.
 *
 * <p>The seed and start time travel with the split rather than with the source, so a job resumed
 * from a savepoint continues the same market even if its new source was built at another time.
 *
 * @param eventsEmitted events already emitted; a restored reader skips this many
 */
public record MarketSplit(String symbol, long seed, long startTimeMs, long eventsEmitted)
        implements FeedSplit<MarketSplit> {

    @Override
    public String splitId() {
        return symbol;
    }

    @Override
    public MarketSplit withEventsEmitted(long events) {
        return new MarketSplit(symbol, seed, startTimeMs, events);
    }
}
