package io.orderflow.core.model;

/**
 * A row of the {@code prices} kind: one trade as harvested.
 *
 * @param tsMs trade time (exchange {@code T}), epoch ms UTC
 * @param eventTsMs exchange event time ({@code E}), epoch ms UTC
 * @param aggTradeId exchange trade id
 * @param latencyMs receive time minus exchange event time
 * @param recvRateTps the symbol's rolling receive rate, trades per second
 */
public record PriceRow(
        long tsMs,
        long eventTsMs,
        String symbol,
        double price,
        double qty,
        long aggTradeId,
        long latencyMs,
        double recvRateTps) {}
