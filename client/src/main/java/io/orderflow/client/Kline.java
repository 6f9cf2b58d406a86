package io.orderflow.client;

/**
 * A {@code klines} row: the bar opened at {@code tsMs} (a multiple of the timeframe). {@code closed} is
 * false for the forming bar the live stream updates while it forms, true for the final bar, which is
 * the row Parquet keeps (history rows are all closed).
 */
public record Kline(long tsMs, String symbol, Timeframe timeframe, double open, double high, double low, double close,
        double volume, double quoteVolume, double takerBuyVolume, long tradeCount, double vwap, boolean closed)
        implements Row {

    /** The bar's end, exclusive: the first millisecond of the next bar. */
    public long closeTimeMs() {
        return tsMs + timeframe.millis();
    }
}
