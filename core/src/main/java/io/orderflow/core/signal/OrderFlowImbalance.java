package io.orderflow.core.signal;

import io.orderflow.core.model.BookTop;

/**
 * Multi-level order flow imbalance of one book update, after Cont, Kukanov and Stoikov (2014).
 *
 * <p>At each level i the contribution of the move from the previous state (primed) to the current
 * one is
 *
 * <pre>
 *   e = 1{Pb >= Pb'}·qb − 1{Pb <= Pb'}·qb' − 1{Pa <= Pa'}·qa + 1{Pa >= Pa'}·qa'
 * </pre>
 *
 * <p>and the update's OFI is the weighted sum of the level contributions. A zero-padded level (no
 * order at that depth) is treated as an empty queue at the far end of its side: bid price −∞, ask
 * price +∞, quantity 0. That keeps the formula symmetric: a bid level that vanishes counts −qb',
 * an ask level that vanishes +qa', as if the queue had been emptied. Treating the padding as price
 * 0 would make vanishing asks count nothing.
 */
public final class OrderFlowImbalance {

    private OrderFlowImbalance() {}

    /** The weighted OFI between two book states; {@code weights.length} levels are used. */
    public static double weighted(BookTop previous, BookTop current, double[] weights) {
        double ofi = 0.0;
        for (int level = 0; level < weights.length; level++) {
            if (weights[level] != 0.0) {
                ofi += weights[level] * atLevel(previous, current, level);
            }
        }
        return ofi;
    }

    /**
     * The mean queue size over the first {@code levels} levels of both sides,
     * {@code Σ (qb_i + qa_i) / (2·levels)}: the depth OFI is normalised by (Cont, Cucuringu and
     * Zhang 2023). Zero-padded levels count as empty queues.
     */
    public static double meanDepth(BookTop book, int levels) {
        double sum = 0.0;
        for (int level = 0; level < levels; level++) {
            sum += qty(book.bidQtys(), level) + qty(book.askQtys(), level);
        }
        return sum / (2.0 * levels);
    }

    /** OFI in units of mean level depth; 0 when the book has been empty throughout (no depth). */
    public static double normalised(double ofi, double meanDepth) {
        return meanDepth > 0.0 ? ofi / meanDepth : 0.0;
    }

    /** The contribution e of one level; levels beyond a book's depth count as empty. */
    public static double atLevel(BookTop previous, BookTop current, int level) {
        return bidContribution(
                        bidPrice(current, level), qty(current.bidQtys(), level),
                        bidPrice(previous, level), qty(previous.bidQtys(), level))
                + askContribution(
                        askPrice(current, level), qty(current.askQtys(), level),
                        askPrice(previous, level), qty(previous.askQtys(), level));
    }

    /** 1{Pb >= Pb'}·qb − 1{Pb <= Pb'}·qb'. */
    static double bidContribution(double price, double qty, double prevPrice, double prevQty) {
        return (price >= prevPrice ? qty : 0.0) - (price <= prevPrice ? prevQty : 0.0);
    }

    /** −1{Pa <= Pa'}·qa + 1{Pa >= Pa'}·qa'. */
    static double askContribution(double price, double qty, double prevPrice, double prevQty) {
        return (price >= prevPrice ? prevQty : 0.0) - (price <= prevPrice ? qty : 0.0);
    }

    private static double bidPrice(BookTop book, int level) {
        return isEmpty(book.bidPrices(), book.bidQtys(), level)
                ? Double.NEGATIVE_INFINITY
                : book.bidPrices()[level];
    }

    private static double askPrice(BookTop book, int level) {
        return isEmpty(book.askPrices(), book.askQtys(), level)
                ? Double.POSITIVE_INFINITY
                : book.askPrices()[level];
    }

    private static double qty(double[] qtys, int level) {
        return level < qtys.length ? qtys[level] : 0.0;
    }

    private static boolean isEmpty(double[] prices, double[] qtys, int level) {
        return level >= prices.length || BookTop.isEmptyLevel(prices[level], qtys[level]);
    }
}
