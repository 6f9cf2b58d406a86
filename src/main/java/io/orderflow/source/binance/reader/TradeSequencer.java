package io.orderflow.source.binance.reader;

import io.orderflow.exchange.binance.MalformedMessageException;
import io.orderflow.model.MarketEvent;
import io.orderflow.model.Trade;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One symbol's trades on their way out, so that its emitted trade ids run without gap or repeat:
 * duplicates are dropped, and a live trade whose id jumps past the last one emitted (after a
 * reconnect, a restore, or a dropped message) first has the missing ids back-filled over REST,
 * page by page, in order. Only aggregate-trade ids can be back-filled; a jump in raw-trade ids is
 * counted as a gap ({@code trade_gaps_total}) and logged.
 */
final class TradeSequencer {

    private static final Logger LOG = LoggerFactory.getLogger(TradeSequencer.class);

    /** No trade emitted yet: the first one is taken as it comes. */
    static final long NONE = -1;
    static final int BACKFILL_ATTEMPTS = 3;
    static final long BACKFILL_RETRY_PAUSE_MS = 200;

    /** A page of aggregate trades from an id on, oldest first. */
    interface Pages {
        List<Trade> from(long fromId) throws IOException, MalformedMessageException;
    }

    private final String symbol;
    private final RecentIds seen;
    private final Pages pages;
    private final BinanceSourceMetrics metrics;
    private long lastId;

    /**
     * @param lastEmittedId the last id emitted before (from the checkpoint), or {@link #NONE}
     * @param pages where missing trades come from, or null where ids cannot be back-filled
     */
    TradeSequencer(String symbol, long lastEmittedId, int dedupCapacity, Pages pages, BinanceSourceMetrics metrics) {
        this.symbol = symbol;
        this.lastId = lastEmittedId;
        this.seen = new RecentIds(dedupCapacity, lastEmittedId);
        this.pages = pages;
        this.metrics = metrics;
    }

    /** Emits a live trade, after the trades missed before it. */
    void onLive(Trade trade, SplitOutput out) {
        long id = trade.tradeId();
        if (seen.contains(id)) {
            metrics.dedupHits.inc();
            return;
        }
        if (lastId != NONE && id > lastId + 1) {
            if (pages != null && !backfill(id, out)) {
                return; // the split was closed meanwhile
            }
            long missing = id - lastId - 1;
            if (missing > 0) {
                metrics.tradeGaps.inc(missing);
                LOG.warn("{}: {} trade(s) missing before id {} (last emitted {}){}", symbol, missing, id, lastId,
                        pages == null ? "; raw @trade ids cannot be back-filled" : "");
            }
        }
        emit(trade, out);
    }

    /** Emits the trades after the last one up to (excluding) {@code liveId}; false once the output is closed. */
    private boolean backfill(long liveId, SplitOutput out) {
        long firstMissing = lastId + 1;
        long filled = 0;
        int failures = 0;
        while (lastId + 1 < liveId) {
            List<Trade> page;
            try {
                page = pages.from(lastId + 1);
            } catch (IOException | MalformedMessageException e) {
                failures++;
                LOG.warn("{}: back-fill from id {} failed (attempt {} of {}): {}", symbol, lastId + 1, failures,
                        BACKFILL_ATTEMPTS, e.toString());
                if (failures >= BACKFILL_ATTEMPTS || !pause(failures)) {
                    break;
                }
                continue;
            }
            long before = lastId;
            for (Trade trade : page) {
                if (trade.tradeId() >= liveId) {
                    break;
                }
                if (!seen.contains(trade.tradeId())) {
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
        metrics.gapfillTrades.inc(filled);
        LOG.info("{}: back-filled {} trade(s), ids {}..{}, before live trade {}", symbol, filled, firstMissing,
                lastId, liveId);
        return true;
    }

    private boolean emit(Trade trade, SplitOutput out) {
        seen.add(trade.tradeId());
        lastId = Math.max(lastId, trade.tradeId());
        return out.put(MarketEvent.of(trade));
    }

    /** Waits a little longer after each failure; false if interrupted. */
    private static boolean pause(int failures) {
        try {
            Thread.sleep(BACKFILL_RETRY_PAUSE_MS << (failures - 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
