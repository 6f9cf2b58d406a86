package io.orderflow.exchange.binance;

import io.orderflow.model.DepthSnapshot;
import io.orderflow.model.Trade;
import java.util.List;

/**
 * The one parse step from Binance's wire format to normalised events. PLACEHOLDER SIGNATURES: being
 * implemented; do not rely on the bodies.
 */
public final class BinanceParser {

    /**
     * @param market which market's messages this parser reads
     * @param bookLevels K, the levels kept for partial-depth books
     */
    public BinanceParser(MarketType market, int bookLevels) {
        throw new UnsupportedOperationException("being implemented");
    }

    /**
     * Parses one WebSocket text message, combined-stream ({@code {"stream":..,"data":..}}) or raw,
     * received at {@code receiveTimeMs}, and hands the result to {@code handler}.
     */
    public void parse(String message, long receiveTimeMs, BinanceMessageHandler handler)
            throws MalformedMessageException {
        throw new UnsupportedOperationException("being implemented");
    }

    /** A REST depth snapshot ({@code GET /api/v3/depth}, {@code /fapi/v1/depth}). */
    public DepthSnapshot parseSnapshot(String symbol, String json, long receiveTimeMs)
            throws MalformedMessageException {
        throw new UnsupportedOperationException("being implemented");
    }

    /** A REST {@code aggTrades} page, in id order. */
    public List<Trade> parseAggTrades(String symbol, String json, long receiveTimeMs)
            throws MalformedMessageException {
        throw new UnsupportedOperationException("being implemented");
    }
}
