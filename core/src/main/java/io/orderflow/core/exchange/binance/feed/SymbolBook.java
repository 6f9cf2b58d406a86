package io.orderflow.core.exchange.binance.feed;

import io.orderflow.core.exchange.binance.BinanceOrderBook;
import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One symbol's order book kept from the diff stream, and what it emits: its top K after every diff
 * applied (and after a snapshot that applied buffered diffs: the book is then at a diff's state).
 * It syncs from a REST snapshot when its first diff comes, and resyncs whenever the diffs cannot be
 * kept whole, announcing it downstream with a {@code book_resync} notice first:
 *
 * <ul>
 *   <li>a sequence gap (a diff lost, e.g. around a reconnect or a break between recorded files):
 *       the book resets itself;
 *   <li>the reader lags so far that a book had to be dropped from the full output: the tops emitted
 *       would no longer be every step of the book, so it is reset here and resyncs once the output
 *       has room again.
 * </ul>
 *
 * <p>Time is the receive time of the messages, live and in replay alike: a failed or unusable
 * snapshot is retried a second later, a deferred one ({@link RequestDeferred}) when the port says, and a book not synced {@code bookSyncTimeout} after its first
 * unsynced diff is reported once ({@code book_unsynced}), as is, at the end, a book that never synced.
 */
final class SymbolBook {

    private static final Logger LOG = LoggerFactory.getLogger(SymbolBook.class);

    /** After a failed or unusable snapshot, before the next try. */
    static final long SNAPSHOT_RETRY_MS = 1_000;

    private static final long SYNCED = Long.MIN_VALUE;

    /** The REST depth snapshot of a symbol. */
    interface Snapshots {
        DepthSnapshot fetch(String symbol, long nowMs) throws IOException, MalformedMessageException;
    }

    private final String symbol;
    private final MarketType market;
    private final long syncTimeoutMs;
    private final Snapshots snapshots;
    private final FeedOutput out;
    private final FeedMetrics metrics;
    private final SymbolStats stats;
    private final TickerCheck check;
    private final ThrottledLog log = new ThrottledLog(LOG);
    private final BinanceOrderBook book;
    private long nextSnapshotMs = Long.MIN_VALUE;
    /** Receive time of the first diff of this unsynced spell, or {@link #SYNCED}. */
    private long unsyncedSinceMs = SYNCED;
    /** Receive time at which the book was lost (a resync announced) and not yet synced again, or {@link #SYNCED}. */
    private long lostAtMs = SYNCED;
    private boolean unsyncedReported;
    private long spellSnapshots;
    private long spellUnbridged;
    private long lastDiffTimeMs;

    SymbolBook(String symbol, FeedSettings settings, Snapshots snapshots, FeedOutput out, FeedMetrics metrics,
            SymbolStats stats) {
        this.symbol = symbol;
        this.market = settings.market();
        this.syncTimeoutMs = settings.bookSyncTimeout().toMillis();
        this.snapshots = snapshots;
        this.out = out;
        this.metrics = metrics;
        this.stats = stats;
        this.check = new TickerCheck(symbol, metrics, stats);
        this.book = new BinanceOrderBook(symbol, market, settings.bookLevels());
    }

    void onDiff(DepthUpdate diff) {
        long nowMs = diff.receiveTimeMs();
        lastDiffTimeMs = diff.eventTimeMs();
        boolean wasSynced = book.isSynced();
        long lastUpdateId = wasSynced ? book.lastUpdateId() : -1;
        if (!wasSynced && unsyncedSinceMs == SYNCED) {
            startUnsyncedSpell(nowMs);
        }
        switch (book.onDiff(diff)) {
            case APPLIED -> emitTop();
            case BUFFERED -> syncIfDue(nowMs);
            case STALE -> { }
            case GAP -> {
                if (wasSynced) {
                    long expected = expectedId(lastUpdateId);
                    long received = receivedId(diff);
                    stats.gaps++;
                    log.warn("{}: diff sequence gap (expected {}, got {}); the book resyncs", symbol, expected, received);
                    lost(nowMs, MarketNotice.sequenceGap(symbol, diff.eventTimeMs(), expected, received));
                }
                syncIfDue(nowMs);
            }
        }
    }

    void onTicker(BookTicker ticker) {
        check.onTicker(ticker);
    }

    TickerCheck check() {
        return check;
    }

    /** Reports the book once if it has been unsynced for the sync timeout by {@code nowMs}. */
    void checkSyncTimeout(long nowMs) {
        if (unsyncedSinceMs != SYNCED && !unsyncedReported && nowMs - unsyncedSinceMs >= syncTimeoutMs) {
            reportUnsynced("not synced within " + syncTimeoutMs + " ms");
        }
    }

    /** The feed ends: a book that never synced is reported, if it was not already. */
    void finish() {
        if (stats.books == 0 && !unsyncedReported) {
            reportUnsynced("the feed ended");
        }
    }

    private void syncIfDue(long nowMs) {
        if (nowMs < nextSnapshotMs || !out.hasHeadroom()) {
            return;
        }
        DepthSnapshot snapshot;
        try {
            snapshot = snapshots.fetch(symbol, nowMs);
        } catch (RequestDeferred e) {
            // Not a failure: the diffs buffer meanwhile, and the other symbols go on.
            nextSnapshotMs = nowMs + e.retryAfterMs();
            return;
        } catch (IOException | MalformedMessageException e) {
            nextSnapshotMs = nowMs + SNAPSHOT_RETRY_MS;
            log.warn("{}: depth snapshot failed, retrying in 1 s: {}", symbol, e.toString());
            return;
        }
        stats.snapshots++;
        spellSnapshots++;
        switch (book.onSnapshot(snapshot)) {
            case APPLIED -> {
                unsyncedSinceMs = SYNCED;
                if (lostAtMs != SYNCED) {
                    metrics.bookResynced(snapshot.receiveTimeMs() - lostAtMs);
                    lostAtMs = SYNCED;
                }
                if (book.lastUpdateId() > snapshot.lastUpdateId()) {
                    emitTop(); // buffered diffs were applied: the book is at a diff's state, with its times
                }
            }
            case GAP -> {
                // Older than the buffered diffs: another snapshot is needed.
                stats.unbridgedSnapshots++;
                spellUnbridged++;
                nextSnapshotMs = nowMs + SNAPSHOT_RETRY_MS;
            }
            default -> nextSnapshotMs = nowMs + SNAPSHOT_RETRY_MS;
        }
    }

    private void emitTop() {
        BookTop top = book.top();
        check.onBook(top);
        if (out.offer(MarketEvent.of(top))) {
            stats.books++;
            return;
        }
        metrics.depthFrameDropped();
        log.warn("{}: output full, book at update id {} dropped; the book resyncs", symbol, top.updateId());
        book.reset();
        lost(top.receiveTimeMs(), MarketNotice.bookResync(symbol, top.eventTimeMs(), "handoff_full",
                "\"dropped_update_id\":" + top.updateId()));
    }

    /** The book is gone: counts the resync and puts its notice out (waiting for room: a notice is never dropped). */
    private void lost(long nowMs, MarketNotice notice) {
        check.onBookLost();
        startUnsyncedSpell(nowMs);
        if (lostAtMs == SYNCED) { // lost again before it synced: the resync still runs from the first loss
            lostAtMs = nowMs;
        }
        stats.resyncs++;
        metrics.bookResync();
        out.put(MarketEvent.of(notice));
    }

    private void startUnsyncedSpell(long nowMs) {
        unsyncedSinceMs = nowMs;
        unsyncedReported = false;
        spellSnapshots = 0;
        spellUnbridged = 0;
    }

    private void reportUnsynced(String why) {
        unsyncedReported = true;
        String reason = spellSnapshots == 0 ? "no_snapshot" : "snapshot_not_bridged";
        metrics.bookUnsynced();
        LOG.warn("{}: no synced book ({}, {}): {} snapshot(s) taken, {} not bridged, {} diff(s) buffered", symbol,
                reason, why, spellSnapshots, spellUnbridged, book.bufferedDiffs());
        out.put(MarketEvent.of(MarketNotice.bookUnsynced(symbol, lastDiffTimeMs, reason,
                "\"unsynced_since_ms\":" + unsyncedSinceMs + ",\"snapshots\":" + spellSnapshots
                        + ",\"unbridged_snapshots\":" + spellUnbridged + ",\"buffered_diffs\":" + book.bufferedDiffs()
                        + ",\"books\":" + stats.books)));
    }

    /** Spot diffs must start right after the book's id; futures diffs must name it as their {@code pu}. */
    private long expectedId(long lastUpdateId) {
        return market == MarketType.SPOT ? lastUpdateId + 1 : lastUpdateId;
    }

    private long receivedId(DepthUpdate diff) {
        return market == MarketType.SPOT ? diff.firstUpdateId() : diff.previousFinalUpdateId();
    }
}
