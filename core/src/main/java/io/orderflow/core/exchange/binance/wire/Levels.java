package io.orderflow.core.exchange.binance.wire;

import io.orderflow.core.model.BookTop;
import java.util.Arrays;

/**
 * One side of a Binance book payload, {@code [["price","qty"], ...]}, as parallel arrays in wire
 * order. The arrays belong to the message they were read from and are handed on to the normalised
 * event without copying.
 */
public record Levels(double[] prices, double[] qtys) {

    /**
     * Orders the levels best first (bids descending, asks ascending) in place and returns this.
     * Binance sends snapshots and partial depth sorted, but its own futures example lists partial-depth
     * bids ascending: the order is made rather than trusted. Insertion sort: linear on sorted input.
     */
    Levels bestFirst(boolean bids) {
        for (int i = 1; i < prices.length; i++) {
            double price = prices[i];
            double qty = qtys[i];
            int j = i - 1;
            for (; j >= 0 && (bids ? prices[j] < price : prices[j] > price); j--) {
                prices[j + 1] = prices[j];
                qtys[j + 1] = qtys[j];
            }
            prices[j + 1] = price;
            qtys[j + 1] = qty;
        }
        return this;
    }

    /** The best {@code levels} of each side, zero-padded when a side is thinner, truncated when deeper. */
    static BookTop bookTop(String symbol, long eventTimeMs, long transactTimeMs, long receiveTimeMs,
            long updateId, Levels bids, Levels asks, int levels) {
        bids.bestFirst(true);
        asks.bestFirst(false);
        return new BookTop(symbol, eventTimeMs, transactTimeMs, receiveTimeMs, updateId,
                Arrays.copyOf(bids.prices, levels), Arrays.copyOf(bids.qtys, levels),
                Arrays.copyOf(asks.prices, levels), Arrays.copyOf(asks.qtys, levels));
    }
}
