package io.orderflow.client;

/** An {@code ofi} row, one per book update; {@code regime} may be null. */
public record Ofi(long tsMs, String symbol, double ofiValue, double ofiZ, double scale, String regime, double ofiEma,
        boolean warmup, boolean stdZero) implements Row {}
