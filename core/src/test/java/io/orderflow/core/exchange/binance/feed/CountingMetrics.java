package io.orderflow.core.exchange.binance.feed;

import java.util.Map;
import java.util.TreeMap;

/** Feed metrics kept by name, for assertions. */
final class CountingMetrics implements FeedMetrics {

    private final Map<String, Long> counts = new TreeMap<>();

    long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    private void add(String name, long n) {
        counts.merge(name, n, Long::sum);
    }

    @Override
    public void parseError() {
        add("parseError", 1);
    }

    @Override
    public void unsupported() {
        add("unsupported", 1);
    }

    @Override
    public void dedupHit() {
        add("dedupHit", 1);
    }

    @Override
    public void backfilled(long trades) {
        add("backfilled", trades);
    }

    @Override
    public void backfillDeferred() {
        add("backfillDeferred", 1);
    }

    @Override
    public void tradeGap(long missing) {
        add("tradeGap", missing);
    }

    @Override
    public void depthFrameDropped() {
        add("depthFrameDropped", 1);
    }

    @Override
    public void bookResync() {
        add("bookResync", 1);
    }

    @Override
    public void bookResynced(long tookMs) {
        add("bookResynced", 1);
        add("bookResyncedMs", tookMs);
    }

    @Override
    public void bookUnsynced() {
        add("bookUnsynced", 1);
    }

    @Override
    public void tickerCheck(boolean mismatch) {
        add("tickerCheck", 1);
        if (mismatch) {
            add("tickerMismatch", 1);
        }
    }
}
