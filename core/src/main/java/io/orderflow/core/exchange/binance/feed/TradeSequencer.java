package io.orderflow.core.exchange.binance.feed;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.Trade;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One symbol's trades on their way out, so that its emitted trade ids run without gap or repeat:
 * duplicates are dropped, and a trade whose id jumps past the last one emitted (after a reconnect,
 * a restore, a dropped message, or a file boundary in replay) first has the missing ids back-filled
 * over REST, page by page, in order. Only aggregate-trade ids can be back-filled; a jump in
 * raw-trade ids is counted as a gap and logged.
 */
final class TradeSequencer {

    private static final Logger LOG = LoggerFactory.getLogger(TradeSequencer.class);

    /** No trade emitted yet: the first one is taken as it comes. */
    static final long NONE = -1;

    /** A page of aggregate trades from an id on, oldest first. */
    interface Pages {
        List<Trade> from(long fromId) throws IOException, MalformedMessageException;
    }

    private final String symbol;
    private final RecentIds seen;
    private final Pages pages;
    private final FeedMetrics metrics;
    private final SymbolStats stats;
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

    /** Emits a trade as it came, after the trades missed before it; false once the output is closed. */
    boolean onLive(Trade trade, FeedOutput out) {
        long id = trade.tradeId();
        if (seen.contains(id)) {
            stats.dedupHits++;
            metrics.dedupHit();
            return true;
        }
        if (lastId != NONE && id > lastId + 1) {
            if (pages != null && !backfill(id, out)) {
                return false;
            }
            countGap(id);
        }
        return emit(trade, out);
    }

    /** Emits the trades after the last one up to (excluding) {@code liveId}; false once the output is closed. */
    private boolean backfill(long liveId, FeedOutput out) {
        long firstMissing = lastId + 1;
        long filled = 0;
        while (lastId + 1 < liveId) {
            List<Trade> page;
            try {
                page = pages.from(lastId + 1);
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
                        return false;
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
        LOG.info("{}: back-filled {} trade(s), ids {}..{}, before trade {}", symbol, filled, firstMissing, lastId,
                liveId);
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
