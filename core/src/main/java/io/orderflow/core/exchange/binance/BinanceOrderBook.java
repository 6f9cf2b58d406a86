package io.orderflow.core.exchange.binance;

import io.orderflow.core.book.OrderBook;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import java.util.ArrayDeque;

/**
 * One symbol's local order book, kept by Binance's procedure from a REST snapshot and the diff
 * stream ("How to manage a local order book correctly").
 *
 * <p>Until synced, every diff is buffered, from the first one on: the snapshot may well arrive
 * after the diff that spans it. {@link #onSnapshot} loads the snapshot, drops the buffered diffs it
 * already contains ({@code u <= lastUpdateId}) and applies the rest, the first of which must bridge
 * the snapshot:
 *
 * <ul>
 *   <li>spot: {@code U <= lastUpdateId + 1 <= u}; afterwards every diff with {@code u} above the
 *       book's id must have {@code U <= id + 1} (in practice {@code U == previous u + 1});
 *   <li>futures (USD-M, coin-M): {@code U <= lastUpdateId <= u}, or {@code pu == lastUpdateId}; afterwards
 *       {@code pu == previous u} (futures ids are shared across symbols, so {@code U} is no test).
 * </ul>
 *
 * <p>A diff older than the book is {@link Outcome#STALE}. A break is a {@link Outcome#GAP}: the
 * book is cleared and buffers again, starting with the offending diff, and the caller fetches a new
 * snapshot. A snapshot that cannot be bridged (older than the first buffered diff) is also a GAP,
 * and the buffer is kept for the next snapshot.
 *
 * <p>The buffer is bounded ({@link #DEFAULT_MAX_BUFFERED_DIFFS}): past it the oldest diff is dropped
 * and counted in {@link #droppedBufferedDiffs()}. Dropping the oldest is what keeps a sync
 * possible: a fresh snapshot only needs the newest diffs; if it needed a dropped one, it is a GAP
 * and the caller fetches again. Not thread-safe.
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

    /** About 17 minutes of a {@code @depth@100ms} stream: far longer than a snapshot takes. */
    public static final int DEFAULT_MAX_BUFFERED_DIFFS = 10_000;

    private final String symbol;
    private final MarketType market;
    private final int topLevels;
    private final int maxBufferedDiffs;
    private final OrderBook book = new OrderBook();
    private final ArrayDeque<DepthUpdate> buffer = new ArrayDeque<>();

    private boolean synced;
    /** Synced from a snapshot, no diff applied yet: the futures bridging rule still applies. */
    private boolean bridging;
    private long lastUpdateId;
    private long eventTimeMs;
    private long transactTimeMs;
    private long receiveTimeMs;
    private long droppedBufferedDiffs;

    public BinanceOrderBook(String symbol, MarketType market, int topLevels) {
        this(symbol, market, topLevels, DEFAULT_MAX_BUFFERED_DIFFS);
    }

    public BinanceOrderBook(String symbol, MarketType market, int topLevels, int maxBufferedDiffs) {
        if (topLevels < 1 || maxBufferedDiffs < 1) {
            throw new IllegalArgumentException(
                    "need topLevels >= 1 and maxBufferedDiffs >= 1, got " + topLevels + ", " + maxBufferedDiffs);
        }
        this.symbol = symbol;
        this.market = market;
        this.topLevels = topLevels;
        this.maxBufferedDiffs = maxBufferedDiffs;
    }

    public Outcome onDiff(DepthUpdate update) {
        if (!synced) {
            buffer(update);
            return Outcome.BUFFERED;
        }
        return applyInSequence(update);
    }

    /**
     * Loads a snapshot and applies the buffered diffs after it: {@link Outcome#APPLIED} once synced
     * (even if no buffered diff was newer than the snapshot: the next diff must then bridge it),
     * {@link Outcome#GAP} if the buffered diffs do not connect to it, {@link Outcome#STALE} if the
     * book is already synced past it.
     */
    public Outcome onSnapshot(DepthSnapshot snapshot) {
        if (synced && snapshot.lastUpdateId() <= lastUpdateId) {
            return Outcome.STALE;
        }
        book.load(snapshot);
        synced = true;
        bridging = true;
        stamp(snapshot.lastUpdateId(), snapshot.eventTimeMs(), snapshot.eventTimeMs(), snapshot.receiveTimeMs());
        while (!buffer.isEmpty()) {
            if (applyInSequence(buffer.pollFirst()) == Outcome.GAP) {
                return Outcome.GAP;
            }
        }
        return Outcome.APPLIED;
    }

    /** Forgets the book and the buffered diffs, e.g. when the stream is restarted from scratch. */
    public void reset() {
        buffer.clear();
        unsync();
    }

    public boolean isSynced() {
        return synced;
    }

    /** The last applied update id (the snapshot's until a diff is applied); 0 while not synced. */
    public long lastUpdateId() {
        return lastUpdateId;
    }

    /** Diffs held while not synced. */
    public int bufferedDiffs() {
        return buffer.size();
    }

    /** Buffered diffs dropped, oldest first, because the buffer was full. */
    public long droppedBufferedDiffs() {
        return droppedBufferedDiffs;
    }

    /**
     * The top K levels now, stamped with the times and update id of the last applied diff (of the
     * snapshot until a diff is applied: its {@code E}, which spot snapshots lack, so 0 there).
     *
     * @throws IllegalStateException if the book is not synced
     */
    public BookTop top() {
        if (!synced) {
            throw new IllegalStateException(symbol + " book is not synced");
        }
        return book.top(symbol, eventTimeMs, transactTimeMs, receiveTimeMs, lastUpdateId, topLevels);
    }

    private Outcome applyInSequence(DepthUpdate update) {
        if (update.finalUpdateId() <= lastUpdateId) {
            return Outcome.STALE;
        }
        if (!continuesBook(update)) {
            unsync();
            // Put back in front: from onSnapshot, the diffs after it are still in the buffer.
            buffer.addFirst(update);
            return Outcome.GAP;
        }
        book.apply(update);
        bridging = false;
        stamp(update.finalUpdateId(), update.eventTimeMs(), update.transactTimeMs(), update.receiveTimeMs());
        return Outcome.APPLIED;
    }

    /** Whether a diff newer than the book ({@code u > lastUpdateId}) follows it without a gap. */
    private boolean continuesBook(DepthUpdate update) {
        if (market == MarketType.SPOT) {
            return update.firstUpdateId() <= lastUpdateId + 1;
        }
        if (bridging) {
            // U <= lastUpdateId <= u, the upper half being given by u > lastUpdateId.
            return update.firstUpdateId() <= lastUpdateId || update.previousFinalUpdateId() == lastUpdateId;
        }
        return update.previousFinalUpdateId() == lastUpdateId;
    }

    private void buffer(DepthUpdate update) {
        if (buffer.size() == maxBufferedDiffs) {
            buffer.pollFirst();
            droppedBufferedDiffs++;
        }
        buffer.addLast(update);
    }

    private void unsync() {
        book.clear();
        synced = false;
        bridging = false;
        stamp(0, 0, 0, 0);
    }

    private void stamp(long updateId, long eventTimeMs, long transactTimeMs, long receiveTimeMs) {
        this.lastUpdateId = updateId;
        this.eventTimeMs = eventTimeMs;
        this.transactTimeMs = transactTimeMs;
        this.receiveTimeMs = receiveTimeMs;
    }
}
