package io.orderflow.core.book;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;

/**
 * A price-level order book of one symbol, exchange-agnostic: absolute quantities per price on each
 * side, where a quantity of 0 removes the level. It knows nothing of update ids or sequencing;
 * that is the exchange adapter's job (e.g. {@code BinanceOrderBook}).
 *
 * <p>Prices and quantities are taken as given (the parser has rejected NaN, negative and absurd
 * numbers). Not thread-safe.
 */
public final class OrderBook {

    private final BookSide bids = BookSide.bids();
    private final BookSide asks = BookSide.asks();

    public void setBid(double price, double qty) {
        bids.set(price, qty);
    }

    public void setAsk(double price, double qty) {
        asks.set(price, qty);
    }

    /** Applies every level of a diff, in wire order. */
    public void apply(DepthUpdate update) {
        setAll(bids, update.bidPrices(), update.bidQtys());
        setAll(asks, update.askPrices(), update.askQtys());
    }

    /** Replaces the whole book with a snapshot. */
    public void load(DepthSnapshot snapshot) {
        clear();
        // Worst level first: a snapshot lists levels best first, so this way every insert is an
        // append at the end of the side's array (see BookSide) and loading stays linear.
        setAllReversed(bids, snapshot.bidPrices(), snapshot.bidQtys());
        setAllReversed(asks, snapshot.askPrices(), snapshot.askQtys());
    }

    public void clear() {
        bids.clear();
        asks.clear();
    }

    public int bidLevels() {
        return bids.size();
    }

    public int askLevels() {
        return asks.size();
    }

    /**
     * The best {@code k} levels of each side as a {@link BookTop} (bids descending, asks ascending,
     * zero-padded when a side has fewer than {@code k} levels), stamped with the given times and id.
     */
    public BookTop top(String symbol, long eventTimeMs, long transactTimeMs, long receiveTimeMs,
            long updateId, int k) {
        double[] bidPrices = new double[k];
        double[] bidQtys = new double[k];
        double[] askPrices = new double[k];
        double[] askQtys = new double[k];
        bids.copyTop(bidPrices, bidQtys);
        asks.copyTop(askPrices, askQtys);
        return new BookTop(symbol, eventTimeMs, transactTimeMs, receiveTimeMs, updateId,
                bidPrices, bidQtys, askPrices, askQtys);
    }

    private static void setAll(BookSide side, double[] prices, double[] qtys) {
        for (int i = 0; i < prices.length; i++) {
            side.set(prices[i], qtys[i]);
        }
    }

    private static void setAllReversed(BookSide side, double[] prices, double[] qtys) {
        for (int i = prices.length - 1; i >= 0; i--) {
            side.set(prices[i], qtys[i]);
        }
    }
}
