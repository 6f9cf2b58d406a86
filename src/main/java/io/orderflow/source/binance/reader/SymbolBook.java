package io.orderflow.source.binance.reader;

import io.orderflow.exchange.binance.BinanceOrderBook;
import io.orderflow.exchange.binance.MalformedMessageException;
import io.orderflow.exchange.binance.MarketType;
import io.orderflow.model.BookTicker;
import io.orderflow.model.BookTop;
import io.orderflow.model.DepthSnapshot;
import io.orderflow.model.DepthUpdate;
import io.orderflow.model.MarketEvent;
import io.orderflow.model.MarketNotice;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One symbol's order book kept from the diff stream, and what it emits: its top K after every diff
 * applied. It syncs from a REST snapshot when it starts, and resyncs whenever the diffs cannot be
 * kept whole, announcing it downstream with a {@code book_resync} notice first:
 *
 * <ul>
 *   <li>a sequence gap (a diff lost, e.g. around a reconnect): the book resets itself;
 *   <li>the reader lags so far that a book had to be dropped from the full hand-off: the tops
 *       emitted would no longer be every step of the book, so it is reset here and resyncs once
 *       the hand-off is half empty.
 * </ul>
 */
final class SymbolBook {

    private static final Logger LOG = LoggerFactory.getLogger(SymbolBook.class);

    /** After a failed or unusable snapshot, before the next try. */
    static final long SNAPSHOT_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The REST depth snapshot of a symbol. */
    interface Snapshots {
        DepthSnapshot fetch(String symbol) throws IOException, MalformedMessageException;
    }

    private final String symbol;
    private final MarketType market;
    private final Snapshots snapshots;
    private final SplitOutput out;
    private final BinanceSourceMetrics metrics;
    private final TickerCrossCheck crossCheck;
    private final ThrottledLog log = new ThrottledLog(LOG);
    private final BinanceOrderBook book;
    private long nextSnapshotNanos;

    /**
     * @param crossCheck null where {@code @bookTicker} is not followed
     */
    SymbolBook(String symbol, MarketType market, int levels, Snapshots snapshots, SplitOutput out,
            BinanceSourceMetrics metrics, TickerCrossCheck crossCheck) {
        this.symbol = symbol;
        this.market = market;
        this.snapshots = snapshots;
        this.out = out;
        this.metrics = metrics;
        this.crossCheck = crossCheck;
        this.book = new BinanceOrderBook(symbol, market, levels);
    }

    void onDiff(DepthUpdate diff) {
        boolean wasSynced = book.isSynced();
        long lastUpdateId = wasSynced ? book.lastUpdateId() : -1;
        switch (book.onDiff(diff)) {
            case APPLIED -> emitTop();
            case BUFFERED -> syncIfDue();
            case STALE -> { }
            case GAP -> {
                if (wasSynced) {
                    long expected = expectedId(lastUpdateId);
                    long received = receivedId(diff);
                    log.warn("{}: diff sequence gap (expected {}, got {}); the book resyncs", symbol, expected, received);
                    resync(MarketNotice.sequenceGap(symbol, diff.eventTimeMs(), expected, received));
                }
                syncIfDue();
            }
        }
    }

    void onTicker(BookTicker ticker) {
        if (crossCheck == null) {
            return;
        }
        if (!book.isSynced() || ticker.updateId() > book.lastUpdateId()) {
            crossCheck.await(ticker);
        } else if (ticker.updateId() == book.lastUpdateId()) {
            crossCheck.compare(ticker, book.top());
        }
    }

    private void syncIfDue() {
        if (System.nanoTime() < nextSnapshotNanos || !out.hasHeadroom()) {
            return;
        }
        DepthSnapshot snapshot;
        try {
            snapshot = snapshots.fetch(symbol);
        } catch (IOException | MalformedMessageException e) {
            nextSnapshotNanos = System.nanoTime() + SNAPSHOT_RETRY_NANOS;
            log.warn("{}: depth snapshot failed, retrying in 1 s: {}", symbol, e.toString());
            return;
        }
        // Synced (APPLIED), the book emits again with the next diff: a spot snapshot has no event
        // time to stamp a book with. Older than the buffered diffs (GAP), another snapshot is needed.
        if (book.onSnapshot(snapshot) != BinanceOrderBook.Outcome.APPLIED) {
            nextSnapshotNanos = System.nanoTime() + SNAPSHOT_RETRY_NANOS;
        }
    }

    private void emitTop() {
        BookTop top = book.top();
        if (crossCheck != null) {
            crossCheck.onTop(top);
        }
        if (!out.offer(MarketEvent.of(top))) {
            metrics.depthFramesDropped.inc();
            log.warn("{}: hand-off full, book at update id {} dropped; the book resyncs", symbol, top.updateId());
            book.reset();
            resync(MarketNotice.bookResync(symbol, top.eventTimeMs(), "handoff_full",
                    "\"dropped_update_id\":" + top.updateId()));
        }
    }

    /** Counts the resync and puts its notice out (waiting for room: a notice is never dropped). */
    private void resync(MarketNotice notice) {
        metrics.bookResyncs.inc();
        out.put(MarketEvent.of(notice));
    }

    /** Spot diffs must start right after the book's id; futures diffs must name it as their {@code pu}. */
    private long expectedId(long lastUpdateId) {
        return market == MarketType.SPOT ? lastUpdateId + 1 : lastUpdateId;
    }

    private long receivedId(DepthUpdate diff) {
        return market == MarketType.SPOT ? diff.firstUpdateId() : diff.previousFinalUpdateId();
    }
}
