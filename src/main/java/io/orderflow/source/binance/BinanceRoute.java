package io.orderflow.source.binance;

import io.orderflow.exchange.binance.MarketType;
import io.orderflow.exchange.binance.wire.StreamKind;

/**
 * Where on the exchange's WebSocket a stream is served. Spot serves everything on one path; USD-M
 * futures route by stream type since 2026-04-23: trades aggregated by the matching engine
 * ({@code @aggTrade}) on {@code /market}, book streams and raw trades on {@code /public}. A stream
 * asked for on the wrong route is acknowledged and then never sent.
 */
public enum BinanceRoute {
    SPOT(MarketType.SPOT, "spot", ""),
    USDM_MARKET(MarketType.USDM, "usdm-market", "/market"),
    USDM_PUBLIC(MarketType.USDM, "usdm-public", "/public");

    private final MarketType market;
    private final String id;
    private final String pathPrefix;

    BinanceRoute(MarketType market, String id, String pathPrefix) {
        this.market = market;
        this.id = id;
        this.pathPrefix = pathPrefix;
    }

    public static BinanceRoute of(MarketType market, StreamKind kind) {
        if (market == MarketType.SPOT) {
            return SPOT;
        }
        return kind == StreamKind.AGG_TRADE ? USDM_MARKET : USDM_PUBLIC;
    }

    public MarketType market() {
        return market;
    }

    /** Stable and readable; split ids are made from it. */
    public String id() {
        return id;
    }

    /** The combined-stream path on this route, e.g. {@code /market/stream}. */
    public String streamPath() {
        return pathPrefix + "/stream";
    }
}
