package io.orderflow.client;

/**
 * A {@code prices} row, one per trade (the {@code @trade} stream). Quantities in the base asset
 * (coin-M: contracts); {@code latencyMs} includes the clock offset between the exchange and the job.
 */
public record Trade(long tsMs, long eventTsMs, String symbol, double price, double qty, long aggTradeId,
        long latencyMs, double recvRateTps) implements Row {}
