package io.orderflow.core.exchange.binance.feed;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.Trade;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One symbol's trades on their way out, so that its emitted trade ids run without gap or repeat:
 * duplicates are dropped, and a trade whose id jumps past the last one emitted (after a reconnect,
 * a restore, a dropped message, or a file boundary in replay) first has the missing ids back-filled
 * over REST, page by page, in order. Only aggregate-trade ids can be back-filled; a jump in
 * raw-trade ids is counted as a gap and logged.
 *
 * <p>A page the REST budget cannot pay for now ({@link RequestDeferred}) is not waited for, since
 * the feed's thread serves every symbol of the connection: the symbol's live trades are held, in
 * order, and the back-fill goes on from the last id emitted once the port's retry time has come, on
 * the symbol's next trade or the feed's periodic {@link #retry}. Held trades are not emitted, so no
 * checkpoint counts them (the split state keeps the last id emitted): after a restore the back-fill
 * starts from that id again and fetches them with the rest.
 */
final class TradeSequencer {

    private static final Logger LOG = LoggerFactory.getLogger(TradeSequencer.class);

    /** No trade emitted yet: the first one is taken as it comes. */
    static final long NONE = -1;

    /**
     * The most live trades held behind a deferred back-fill; past it the back-fill is given up (a gap)
     * and they go out. Minutes of even a busy symbol's trades, where the budget defers a page for
     * seconds to minutes, in about 7 MB (some 70 bytes a trade).
     */
    static final int MAX_HELD = 100_000;

    /** A page of aggregate trades from an id on, oldest first. */
    interface Pages {
        List<Trade> from(long fromId) throws IOException, MalformedMessageException;
    }

    /** Where a trade handed on ended up. */
    private enum Outcome { EMITTED, HELD, CLOSED }

    private final String symbol;
    private final RecentIds seen;
    private final Pages pages;
    private final FeedMetrics metrics;
    private final SymbolStats stats;
    /** Live trades behind a deferred back-fill, in arrival order; none unless a back-fill waits. */
    private final ArrayDeque<Trade> held = new ArrayDeque<>();
    /** Feed time at which the deferred back-fill is asked for again. */
    private long retryAtMs;
    private long lastId;

    /**
     * @param lastEmittedId the last id emitted before (from the checkpoint), or {@link #NONE}
     * @param pages where missing trades come from, or null where ids cannot be back-filled
     */
    TradeSequencer(String symbol, long lastEmittedId, int dedupCapacity, Pages pages, FeedMetrics metrics,
            SymbolStats stats) {
        this.symbol = symbol;
        this.lastId = lastEmittedId;
        this.seen = new RecentIds(dedupCapacity, lastEmittedId);
        this.pages = pages;
        this.metrics = metrics;
        this.stats = stats;
    }

    /** The last id emitted, or {@link #NONE}. */
    long lastId() {
        return lastId;
    }

    /**
     * Emits a trade as it came, after the trades missed before it, or holds it while their back-fill
     * is deferred; false once the output is closed.
     */
    boolean onLive(Trade trade, FeedOutput out) {
        if (duplicate(trade.tradeId())) {
            return true;
        }
        if (held.isEmpty()) {
            Outcome outcome = pass(trade, out, trade.receiveTimeMs(), true);
            if (outcome == Outcome.HELD) {
                held.addLast(trade);
            }
            return outcome != Outcome.CLOSED;
        }
        held.addLast(trade);
        if (!retry(trade.receiveTimeMs(), out)) {
            return false;
        }
        return held.size() <= MAX_HELD || giveUp("more than " + MAX_HELD + " trades held", out);
    }

    /**
     * Goes on with a deferred back-fill if its retry time has come by {@code nowMs} (feed time), then
     * emits the trades held behind it; false once the output is closed. The feed calls it
     * periodically too, since a quiet symbol may not trade again for minutes.
     */
    boolean retry(long nowMs, FeedOutput out) {
        return held.isEmpty() || nowMs < retryAtMs || release(nowMs, out, true);
    }

    /** The feed ends: trades held for a deferred back-fill go out, the ids they waited for counted as a gap. */
    boolean finish(FeedOutput out) {
        return held.isEmpty() || giveUp("the feed ended", out);
    }

    private boolean giveUp(String why, FeedOutput out) {
        LOG.warn("{}: back-fill from id {} deferred with {} live trade(s) held, given up ({}): the missing ids "
                + "count as a gap", symbol, lastId + 1, held.size(), why);
        return release(0, out, false);
    }

    /**
     * Emits the held trades in order, through the same steps as live ones (a trade held twice is a
     * duplicate once the first copy is out), until a back-fill is deferred again; false once the
     * output is closed.
     */
    private boolean release(long nowMs, FeedOutput out, boolean backfill) {
        while (!held.isEmpty()) {
            Trade next = held.peekFirst();
            if (!duplicate(next.tradeId())) {
                Outcome outcome = pass(next, out, nowMs, backfill);
                if (outcome != Outcome.EMITTED) {
                    return outcome == Outcome.HELD;
                }
            }
            held.pollFirst();
        }
        return true;
    }

    /** A trade not emitted before: back-filled up to, or counted as a gap, then emitted; or held if the back-fill is deferred. */
    private Outcome pass(Trade trade, FeedOutput out, long nowMs, boolean backfill) {
        long id = trade.tradeId();
        if (lastId != NONE && id > lastId + 1) {
            if (backfill && pages != null) {
                Outcome filled = backfill(id, out, nowMs);
                if (filled != Outcome.EMITTED) {
                    return filled;
                }
            }
            countGap(id);
        }
        return emit(trade, out) ? Outcome.EMITTED : Outcome.CLOSED;
    }

    /**
     * Emits the trades after the last one up to (excluding) {@code liveId}: EMITTED when done (or
     * given up, the rest then a gap), HELD when a page is deferred, CLOSED once the output is.
     */
    private Outcome backfill(long liveId, FeedOutput out, long nowMs) {
        long firstMissing = lastId + 1;
        long filled = 0;
        Outcome outcome = Outcome.EMITTED;
        while (lastId + 1 < liveId) {
            List<Trade> page;
            try {
                page = pages.from(lastId + 1);
            } catch (RequestDeferred e) {
                defer(e, nowMs);
                outcome = Outcome.HELD;
                break;
            } catch (IOException | MalformedMessageException e) {
                LOG.warn("{}: back-fill from id {} failed: {}", symbol, lastId + 1, e.toString());
                break;
            }
            long before = lastId;
            for (Trade trade : page) {
                if (trade.tradeId() >= liveId) {
                    break;
                }
                if (!seen.contains(trade.tradeId())) {
                    countGap(trade.tradeId()); // a page that starts late: the exchange no longer has those
                    if (!emit(trade, out)) {
                        return Outcome.CLOSED;
                    }
                    filled++;
                }
            }
            if (lastId == before) {
                break; // the exchange has nothing between the last trade and the live one any more
            }
        }
        stats.backfilled += filled;
        metrics.backfilled(filled);
        if (outcome == Outcome.EMITTED) {
            LOG.info("{}: back-filled {} trade(s), ids {}..{}, before trade {}", symbol, filled, firstMissing, lastId,
                    liveId);
        }
        return outcome;
    }

    /** A page deferred: asked again when the port says. A first deferral starts the holding (nothing held yet). */
    private void defer(RequestDeferred deferred, long nowMs) {
        retryAtMs = nowMs + deferred.retryAfterMs();
        if (held.isEmpty()) {
            metrics.backfillDeferred();
            LOG.info("{}: back-fill from id {} deferred {} ms (REST budget spent); live trades are held meanwhile",
                    symbol, lastId + 1, deferred.retryAfterMs());
        }
    }

    /** Counts a duplicate: true if the id was emitted already. */
    private boolean duplicate(long id) {
        if (!seen.contains(id)) {
            return false;
        }
        stats.dedupHits++;
        metrics.dedupHit();
        return true;
    }

    /** Counts and logs the ids missing between the last trade emitted and {@code nextId}, if any. */
    private void countGap(long nextId) {
        long missing = nextId - lastId - 1;
        if (missing > 0) {
            stats.tradeGaps += missing;
            metrics.tradeGap(missing);
            LOG.warn("{}: {} trade(s) missing before id {} (last emitted {}){}", symbol, missing, nextId, lastId,
                    pages == null ? "; raw @trade ids cannot be back-filled" : "");
        }
    }

    private boolean emit(Trade trade, FeedOutput out) {
        seen.add(trade.tradeId());
        lastId = Math.max(lastId, trade.tradeId());
        stats.trades++;
        return out.put(MarketEvent.of(trade));
    }
}
