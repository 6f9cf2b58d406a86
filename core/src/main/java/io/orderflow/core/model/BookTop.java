package io.orderflow.core.model;

import java.util.Arrays;

/**
 * The top K levels of one symbol's order book after an update.
 *
 * <p>Bids are best first (descending price), asks best first (ascending price). Every array has
 * length K; when the book is thinner than K, the missing levels are zero-padded (price 0, qty 0),
 * see {@link #isEmptyLevel(double, double)}.
 *
 * @param symbol exchange symbol, upper case
 * @param eventTimeMs when the exchange emitted the update (Binance {@code E}), epoch ms UTC
 * @param transactTimeMs matching-engine time of the update (Binance futures {@code T}; equals the
 *     event time where the exchange gives none)
 * @param receiveTimeMs when this process received it, epoch ms UTC
 * @param updateId the exchange's last update id included in this state (0 if unknown)
 */
public record BookTop(
        String symbol,
        long eventTimeMs,
        long transactTimeMs,
        long receiveTimeMs,
        long updateId,
        double[] bidPrices,
        double[] bidQtys,
        double[] askPrices,
        double[] askQtys) {

    public BookTop {
        int k = bidPrices.length;
        if (bidQtys.length != k || askPrices.length != k || askQtys.length != k) {
            throw new IllegalArgumentException(
                    "book arrays must all have K=" + k + " levels, got bidQtys=" + bidQtys.length
                            + " askPrices=" + askPrices.length + " askQtys=" + askQtys.length);
        }
    }

    /** K, the number of levels carried (including zero-padded ones). */
    public int levels() {
        return bidPrices.length;
    }

    /** A zero-padded level: the book has no order at that depth. */
    public static boolean isEmptyLevel(double price, double qty) {
        return price == 0.0 && qty == 0.0;
    }

    /** The best bid price, or NaN if the bid side is empty. */
    public double bestBid() {
        return isEmptyLevel(bidPrices[0], bidQtys[0]) ? Double.NaN : bidPrices[0];
    }

    /** The best ask price, or NaN if the ask side is empty. */
    public double bestAsk() {
        return isEmptyLevel(askPrices[0], askQtys[0]) ? Double.NaN : askPrices[0];
    }

    /** Mid price of the best level, or NaN if either side is empty. */
    public double mid() {
        return 0.5 * (bestBid() + bestAsk());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BookTop b
                && symbol.equals(b.symbol)
                && eventTimeMs == b.eventTimeMs
                && transactTimeMs == b.transactTimeMs
                && receiveTimeMs == b.receiveTimeMs
                && updateId == b.updateId
                && Arrays.equals(bidPrices, b.bidPrices)
                && Arrays.equals(bidQtys, b.bidQtys)
                && Arrays.equals(askPrices, b.askPrices)
                && Arrays.equals(askQtys, b.askQtys);
    }

    @Override
    public int hashCode() {
        int h = symbol.hashCode();
        h = 31 * h + Long.hashCode(eventTimeMs);
        h = 31 * h + Long.hashCode(updateId);
        h = 31 * h + Arrays.hashCode(bidPrices);
        h = 31 * h + Arrays.hashCode(askPrices);
        return h;
    }

    @Override
    public String toString() {
        return "BookTop[" + symbol + " E=" + eventTimeMs + " u=" + updateId
                + " bids=" + Arrays.toString(bidPrices) + "x" + Arrays.toString(bidQtys)
                + " asks=" + Arrays.toString(askPrices) + "x" + Arrays.toString(askQtys) + "]";
    }
}
