package io.orderflow.core.model;

/**
 * The exchange's own best bid and ask (Binance {@code bookTicker}): an independent check of a book
 * rebuilt from diffs at the same update id.
 *
 * @param updateId the order-book update id ({@code u})
 * @param eventTimeMs exchange event time ({@code E}; 0 where the exchange gives none, as on spot)
 */
public record BookTicker(
        String symbol,
        long updateId,
        long eventTimeMs,
        long receiveTimeMs,
        double bidPrice,
        double bidQty,
        double askPrice,
        double askQty) {}
