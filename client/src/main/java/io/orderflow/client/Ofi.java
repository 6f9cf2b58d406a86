package io.orderflow.client;

/**
 * An {@code ofi} row, one per book update; {@code regime} may be null, {@code bestBid} and {@code bestAsk} are
 * NaN when that side of the book is empty, {@code ofiL1} is the raw level-1 contribution (base asset).
 */
public record Ofi(long tsMs, String symbol, double ofiValue, double ofiZ, double scale, String regime, double ofiEma,
        boolean warmup, boolean stdZero, double bestBid, double bestAsk, double ofiL1) implements Row {}
