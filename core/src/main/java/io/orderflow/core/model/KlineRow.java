package io.orderflow.core.model;

/**
 * A row of the {@code klines} kind: one OHLCV bar of one symbol over one timeframe, from the trades
 * whose exchange trade time falls in {@code [tsMs, tsMs + timeframe)}.
 *
 * @param tsMs open time of the bar, epoch ms UTC (a multiple of the timeframe)
 * @param timeframe {@code 1m}, {@code 5m} or {@code 1h}
 * @param open price of the earliest trade (by trade time, then trade id)
 * @param close price of the latest trade (by trade time, then trade id)
 * @param volume base-asset volume
 * @param quoteVolume quote-asset volume, Σ price·qty
 * @param takerBuyVolume base-asset volume bought by takers
 * @param tradeCount trades in the bar
 * @param vwap volume-weighted average price, {@code quoteVolume / volume}
 */
public record KlineRow(
        long tsMs,
        String symbol,
        String timeframe,
        double open,
        double high,
        double low,
        double close,
        double volume,
        double quoteVolume,
        double takerBuyVolume,
        long tradeCount,
        double vwap) {

    /** Signed taker volume of the bar: taker buys minus taker sells, the bar's change in CVD. */
    public double takerDelta() {
        return 2.0 * takerBuyVolume - volume;
    }
}
