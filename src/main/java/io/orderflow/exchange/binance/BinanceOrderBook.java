package io.orderflow.exchange.binance;

import io.orderflow.model.BookTop;
import io.orderflow.model.DepthSnapshot;
import io.orderflow.model.DepthUpdate;

/**
 * One symbol's local order book, kept by Binance's procedure from a REST snapshot and the diff
 * stream. PLACEHOLDER SIGNATURES: being implemented; do not rely on the bodies.
 */
public final class BinanceOrderBook {

    /** What a diff or snapshot did to the book. */
    public enum Outcome {
        /** Not synced yet: kept until a snapshot arrives. */
        BUFFERED,
        /** Applied: {@link #top()} changed (or may have). */
        APPLIED,
        /** Older than the book: dropped. */
        STALE,
        /** A sequence gap: the book is reset and buffers again; the caller fetches a new snapshot. */
        GAP
    }

    public BinanceOrderBook(String symbol, MarketType market, int topLevels) {
        throw new UnsupportedOperationException("being implemented");
    }

    public Outcome onDiff(DepthUpdate update) {
        throw new UnsupportedOperationException("being implemented");
    }

    public Outcome onSnapshot(DepthSnapshot snapshot) {
        throw new UnsupportedOperationException("being implemented");
    }

    public boolean isSynced() {
        throw new UnsupportedOperationException("being implemented");
    }

    /** The last applied update id. */
    public long lastUpdateId() {
        throw new UnsupportedOperationException("being implemented");
    }

    /** The top K levels now, stamped with the times and update id of the last applied diff. */
    public BookTop top() {
        throw new UnsupportedOperationException("being implemented");
    }
}
