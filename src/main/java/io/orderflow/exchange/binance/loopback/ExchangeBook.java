package io.orderflow.exchange.binance.loopback;

import io.orderflow.model.BookTop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One symbol's whole order book as the exchange keeps it, with its update id and the changes not
 * yet published as a diff. The simulator's top K is the whole book: a level that leaves the top K
 * is reported gone, so a client's rebuilt book and the REST snapshot hold the same levels.
 */
final class ExchangeBook {

    private static final long NO_PENDING = -1;

    private final NavigableMap<Double, Double> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Double, Double> asks = new TreeMap<>();
    private final NavigableMap<Double, Double> changedBids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Double, Double> changedAsks = new TreeMap<>();
    private long lastUpdateId;
    private long lastChangeMs;
    private long firstPendingId = NO_PENDING;

    /** A book opening at {@code opening}, with nothing pending. */
    ExchangeBook(BookTop opening) {
        apply(opening, opening.updateId());
        changedBids.clear();
        changedAsks.clear();
        firstPendingId = NO_PENDING;
    }

    /**
     * Moves the book to {@code top}'s levels; if anything changed, that change gets
     * {@code updateId}.
     *
     * @return whether any level changed
     */
    boolean apply(BookTop top, long updateId) {
        boolean changed = sync(bids, changedBids, top.bidPrices(), top.bidQtys())
                | sync(asks, changedAsks, top.askPrices(), top.askQtys());
        if (changed) {
            if (firstPendingId == NO_PENDING) {
                firstPendingId = updateId;
            }
            lastUpdateId = updateId;
            lastChangeMs = top.transactTimeMs();
        }
        return changed;
    }

    /** The changes since the last drain as one diff, or null if there were none. */
    BookDiff drainDiff() {
        if (firstPendingId == NO_PENDING) {
            return null;
        }
        BookDiff diff = new BookDiff(firstPendingId, lastUpdateId, lastChangeMs,
                new BookLevels(levels(changedBids, Integer.MAX_VALUE), levels(changedAsks, Integer.MAX_VALUE)));
        changedBids.clear();
        changedAsks.clear();
        firstPendingId = NO_PENDING;
        return diff;
    }

    /** The best {@code depth} levels of each side. */
    BookLevels top(int depth) {
        return new BookLevels(levels(bids, depth), levels(asks, depth));
    }

    Level bestBid() {
        return best(bids);
    }

    Level bestAsk() {
        return best(asks);
    }

    /** The id of the last change, which the book as it stands reflects. */
    long lastUpdateId() {
        return lastUpdateId;
    }

    long lastChangeMs() {
        return lastChangeMs;
    }

    private static boolean sync(
            Map<Double, Double> side, Map<Double, Double> changed, double[] prices, double[] qtys) {
        Map<Double, Double> next = new HashMap<>();
        for (int i = 0; i < prices.length; i++) {
            if (!BookTop.isEmptyLevel(prices[i], qtys[i])) {
                next.put(prices[i], qtys[i]);
            }
        }
        boolean any = false;
        for (Iterator<Double> it = side.keySet().iterator(); it.hasNext(); ) {
            Double price = it.next();
            if (!next.containsKey(price)) {
                it.remove();
                changed.put(price, 0.0);
                any = true;
            }
        }
        for (Map.Entry<Double, Double> level : next.entrySet()) {
            if (!Objects.equals(side.put(level.getKey(), level.getValue()), level.getValue())) {
                changed.put(level.getKey(), level.getValue());
                any = true;
            }
        }
        return any;
    }

    private static List<Level> levels(NavigableMap<Double, Double> side, int depth) {
        List<Level> levels = new ArrayList<>(Math.min(depth, side.size()));
        for (Map.Entry<Double, Double> level : side.entrySet()) {
            if (levels.size() == depth) {
                break;
            }
            levels.add(new Level(level.getKey(), level.getValue()));
        }
        return levels;
    }

    private static Level best(NavigableMap<Double, Double> side) {
        Map.Entry<Double, Double> best = side.firstEntry();
        return best == null ? Level.NONE : new Level(best.getKey(), best.getValue());
    }
}
