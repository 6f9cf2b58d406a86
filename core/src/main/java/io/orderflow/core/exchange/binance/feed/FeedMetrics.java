package io.orderflow.core.exchange.binance.feed;

/**
 * What the feed counts as it goes, for the live source's metrics. Called from the thread that
 * processes the feed; the feed keeps its own per-symbol figures too ({@link SymbolStats}).
 */
public interface FeedMetrics {

    /** A message the parser rejected, or one the feed could not handle. */
    void parseError();

    /** A well-formed message of a stream the job does not consume. */
    void unsupported();

    void dedupHit();

    void backfilled(long trades);

    /**
     * A back-fill deferred because the REST budget is spent: its symbol's live trades are held until
     * it is done. Once per holding, however often its pages are deferred.
     */
    void backfillDeferred();

    /** Trades missed for good: a raw-trade id gap, or a back-fill the exchange could not serve. */
    void tradeGap(long missing);

    /** A book dropped because the reader lagged. */
    void depthFrameDropped();

    void bookResync();

    /**
     * A book lost ({@link #bookResync}) is synced again, {@code tookMs} of receive time after the loss:
     * from the diff that showed the gap (or the book dropped) to the REST snapshot that synced it.
     */
    void bookResynced(long tookMs);

    /** A symbol's book did not sync within the sync timeout, or never did. */
    void bookUnsynced();

    void tickerCheck(boolean mismatch);

    /** Counts nothing. */
    FeedMetrics NONE = new FeedMetrics() {
        @Override
        public void parseError() {}

        @Override
        public void unsupported() {}

        @Override
        public void dedupHit() {}

        @Override
        public void backfilled(long trades) {}

        @Override
        public void backfillDeferred() {}

        @Override
        public void tradeGap(long missing) {}

        @Override
        public void depthFrameDropped() {}

        @Override
        public void bookResync() {}

        @Override
        public void bookResynced(long tookMs) {}

        @Override
        public void bookUnsynced() {}

        @Override
        public void tickerCheck(boolean mismatch) {}
    };
}
