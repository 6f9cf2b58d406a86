package io.orderflow.core.model;

import java.util.Arrays;

/**
 * One diff of an order book as the exchange sent it (Binance {@code depthUpdate}): the new absolute
 * quantity at each listed price, 0 meaning the level is gone. Levels are in wire order.
 *
 * @param eventTimeMs exchange event time ({@code E})
 * @param transactTimeMs matching-engine time ({@code T}; futures only, else equal to the event time)
 * @param receiveTimeMs when this process received it
 * @param firstUpdateId first update id in the event ({@code U})
 * @param finalUpdateId final update id in the event ({@code u})
 * @param previousFinalUpdateId the previous event's final update id ({@code pu}; futures only, -1 on spot)
 */
public record DepthUpdate(
        String symbol,
        long eventTimeMs,
        long transactTimeMs,
        long receiveTimeMs,
        long firstUpdateId,
        long finalUpdateId,
        long previousFinalUpdateId,
        double[] bidPrices,
        double[] bidQtys,
        double[] askPrices,
        double[] askQtys) {

    /** {@code pu} on a stream that has none (spot). */
    public static final long NO_PREVIOUS_ID = -1;

    @Override
    public boolean equals(Object o) {
        return o instanceof DepthUpdate d
                && symbol.equals(d.symbol)
                && eventTimeMs == d.eventTimeMs
                && transactTimeMs == d.transactTimeMs
                && receiveTimeMs == d.receiveTimeMs
                && firstUpdateId == d.firstUpdateId
                && finalUpdateId == d.finalUpdateId
                && previousFinalUpdateId == d.previousFinalUpdateId
                && Arrays.equals(bidPrices, d.bidPrices)
                && Arrays.equals(bidQtys, d.bidQtys)
                && Arrays.equals(askPrices, d.askPrices)
                && Arrays.equals(askQtys, d.askQtys);
    }

    @Override
    public int hashCode() {
        return 31 * symbol.hashCode() + Long.hashCode(finalUpdateId);
    }

    @Override
    public String toString() {
        return "DepthUpdate[" + symbol + " E=" + eventTimeMs + " U=" + firstUpdateId + " u=" + finalUpdateId
                + " pu=" + previousFinalUpdateId + " bids=" + bidPrices.length + " asks=" + askPrices.length + "]";
    }
}
