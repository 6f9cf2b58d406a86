package io.orderflow.core.signal;

import io.orderflow.core.model.KlineRow;

/**
 * One bar being built from trades that may arrive slightly out of order: open and close follow trade
 * time (then trade id), not arrival. A Flink POJO, kept in keyed state until the bar closes.
 */
public class KlineBar {

    public double open;
    public double high;
    public double low;
    public double close;
    public long firstTimeMs;
    public long firstId;
    public long lastTimeMs;
    public long lastId;
    public double volume;
    public double quoteVolume;
    public double takerBuyVolume;
    public long tradeCount;

    /** Adds one trade; {@code takerBuy} says the aggressor bought. */
    public void add(long tradeTimeMs, long tradeId, double price, double qty, boolean takerBuy) {
        if (tradeCount == 0) {
            open = price;
            high = price;
            low = price;
            close = price;
            firstTimeMs = tradeTimeMs;
            firstId = tradeId;
            lastTimeMs = tradeTimeMs;
            lastId = tradeId;
        } else {
            high = Math.max(high, price);
            low = Math.min(low, price);
            if (tradeTimeMs < firstTimeMs || (tradeTimeMs == firstTimeMs && tradeId < firstId)) {
                open = price;
                firstTimeMs = tradeTimeMs;
                firstId = tradeId;
            }
            if (tradeTimeMs > lastTimeMs || (tradeTimeMs == lastTimeMs && tradeId > lastId)) {
                close = price;
                lastTimeMs = tradeTimeMs;
                lastId = tradeId;
            }
        }
        volume += qty;
        quoteVolume += price * qty;
        if (takerBuy) {
            takerBuyVolume += qty;
        }
        tradeCount++;
    }

    public KlineRow toRow(long openTimeMs, String symbol, KlineTimeframe timeframe) {
        return new KlineRow(openTimeMs, symbol, timeframe.label(), open, high, low, close,
                volume, quoteVolume, takerBuyVolume, tradeCount, quoteVolume / volume);
    }
}
