package io.orderflow.client;

/**
 * A {@code cvd} row, one per trade. Rows of one millisecond are ordered by {@code aggTradeId}, which is
 * {@link #UNKNOWN_TRADE_ID} in history written before the column existed; {@code regime} may be null.
 */
public record Cvd(long tsMs, String symbol, long aggTradeId, double cvd, double delta, double zRaw, double zCvd,
        double scale, double sigmaFloor, boolean floorUsed, String regime) implements Row {

    /** The {@code agg_trade_id} of a row from files older than that column (it reads back as null). */
    public static final long UNKNOWN_TRADE_ID = -1L;
}
