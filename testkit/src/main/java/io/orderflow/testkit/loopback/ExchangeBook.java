package io.orderflow.testkit.loopback;

import io.orderflow.core.model.BookTop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One symbol's whole order book as the exchange keeps it, with its update id and the changes not
 * yet published as a diff. The simulator's top K is the whole book: a level that leaves the top K
 * is reported gone, so a client's rebuilt book and the REST snapshot hold the same levels.
 */
final class ExchangeBook {

    private static final long NO_PENDING = -1;

    private final Side bids = new Side(true);
    private final Side asks = new Side(false);
    // Levels changed since the last drain, best first: a diff accumulates several book states.
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
        boolean changed = bids.sync(top.bidPrices(), top.bidQtys(), changedBids)
                | asks.sync(top.askPrices(), top.askQtys(), changedAsks);
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
                new BookLevels(levels(changedBids), levels(changedAsks)));
        changedBids.clear();
        changedAsks.clear();
        firstPendingId = NO_PENDING;
        return diff;
    }

    /** The best {@code depth} levels of each side. */
    BookLevels top(int depth) {
        return new BookLevels(bids.levels(depth), asks.levels(depth));
    }

    Level bestBid() {
        return bids.best();
    }

    Level bestAsk() {
        return asks.best();
    }

    /** The id of the last change, which the book as it stands reflects. */
    long lastUpdateId() {
        return lastUpdateId;
    }

    long lastChangeMs() {
        return lastChangeMs;
    }

    private static List<Level> levels(NavigableMap<Double, Double> side) {
        List<Level> levels = new ArrayList<>(side.size());
        for (Map.Entry<Double, Double> level : side.entrySet()) {
            levels.add(new Level(level.getKey(), level.getValue()));
        }
        return levels;
    }

    /**
     * One side as sorted arrays, best first. It is always the simulator's last top K, so moving it to
     * the next top K is a merge of two sorted lists: no map, no boxing but for the levels that changed
     * (this runs for every simulated book update, thousands per second in the bench).
     */
    private static final class Side {

        private final boolean descending;
        private double[] prices = new double[0];
        private double[] qtys = new double[0];
        private int size;

        Side(boolean descending) {
            this.descending = descending;
        }

        /** Moves to the non-empty levels of {@code nextPrices}/{@code nextQtys} (best first), noting changes. */
        boolean sync(double[] nextPrices, double[] nextQtys, Map<Double, Double> changed) {
            boolean any = false;
            int i = 0; // in the current levels
            int j = 0; // in the next ones
            while (i < size || j < nextPrices.length) {
                if (j < nextPrices.length && BookTop.isEmptyLevel(nextPrices[j], nextQtys[j])) {
                    j++;
                    continue;
                }
                int order = i == size ? 1 : j == nextPrices.length ? -1 : ordering(prices[i], nextPrices[j]);
                if (order < 0) { // a current level absent from the next book: gone
                    changed.put(prices[i], 0.0);
                    any = true;
                    i++;
                } else if (order > 0) { // a new level
                    changed.put(nextPrices[j], nextQtys[j]);
                    any = true;
                    j++;
                } else {
                    if (qtys[i] != nextQtys[j]) {
                        changed.put(nextPrices[j], nextQtys[j]);
                        any = true;
                    }
                    i++;
                    j++;
                }
            }
            if (any) {
                copyNonEmpty(nextPrices, nextQtys);
            }
            return any;
        }

        List<Level> levels(int depth) {
            int n = Math.min(depth, size);
            List<Level> levels = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                levels.add(new Level(prices[k], qtys[k]));
            }
            return levels;
        }

        Level best() {
            return size == 0 ? Level.NONE : new Level(prices[0], qtys[0]);
        }

        /** Negative if {@code a} comes before {@code b} on this side (a better price). */
        private int ordering(double a, double b) {
            return descending ? Double.compare(b, a) : Double.compare(a, b);
        }

        private void copyNonEmpty(double[] nextPrices, double[] nextQtys) {
            if (prices.length < nextPrices.length) {
                prices = new double[nextPrices.length];
                qtys = new double[nextPrices.length];
            }
            size = 0;
            for (int k = 0; k < nextPrices.length; k++) {
                if (!BookTop.isEmptyLevel(nextPrices[k], nextQtys[k])) {
                    prices[size] = nextPrices[k];
                    qtys[size] = nextQtys[k];
                    size++;
                }
            }
        }
    }
}
