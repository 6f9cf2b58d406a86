package io.orderflow.core.model;

import java.util.Arrays;

/**
 * A full order-book snapshot from the exchange's REST API (Binance {@code GET depth}), bids best
 * first (descending), asks best first (ascending).
 *
 * @param lastUpdateId the last update id included in the snapshot
 * @param eventTimeMs exchange time of the snapshot ({@code E}; 0 where the exchange gives none, as on spot)
 * @param receiveTimeMs when this process received it
 */
public record DepthSnapshot(
        String symbol,
        long lastUpdateId,
        long eventTimeMs,
        long receiveTimeMs,
        double[] bidPrices,
        double[] bidQtys,
        double[] askPrices,
        double[] askQtys) {

    @Override
    public boolean equals(Object o) {
        return o instanceof DepthSnapshot d
                && symbol.equals(d.symbol)
                && lastUpdateId == d.lastUpdateId
                && eventTimeMs == d.eventTimeMs
                && receiveTimeMs == d.receiveTimeMs
                && Arrays.equals(bidPrices, d.bidPrices)
                && Arrays.equals(bidQtys, d.bidQtys)
                && Arrays.equals(askPrices, d.askPrices)
                && Arrays.equals(askQtys, d.askQtys);
    }

    @Override
    public int hashCode() {
        return 31 * symbol.hashCode() + Long.hashCode(lastUpdateId);
    }

    @Override
    public String toString() {
        return "DepthSnapshot[" + symbol + " lastUpdateId=" + lastUpdateId + " bids=" + bidPrices.length
                + " asks=" + askPrices.length + "]";
    }
}
