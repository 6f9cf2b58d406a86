package io.orderflow.core.exchange.binance;

import io.orderflow.core.exchange.binance.wire.StreamKind;
import java.util.Optional;

/**
 * Where on the exchange's WebSocket a stream is served. Spot and coin-M serve everything on one
 * path; USD-M futures route by stream type since 2026-04-23: trades aggregated by the matching
 * engine ({@code @aggTrade}) on {@code /market}, book streams and raw trades on {@code /public}. A
 * stream asked for on the wrong route is acknowledged and then never sent. Binance documents no such
 * split for coin-M ({@code wss://dstream.binance.com/stream}), so coin-M has one route.
 */
public enum BinanceRoute {
    SPOT(MarketType.SPOT, "spot", ""),
    USDM_MARKET(MarketType.USDM, "usdm-market", "/market"),
    USDM_PUBLIC(MarketType.USDM, "usdm-public", "/public"),
    COINM(MarketType.COINM, "coinm", "");

    private final MarketType market;
    private final String id;
    private final String pathPrefix;

    BinanceRoute(MarketType market, String id, String pathPrefix) {
        this.market = market;
        this.id = id;
        this.pathPrefix = pathPrefix;
    }

    /** The route that serves {@code kind} on {@code market}. */
    public static BinanceRoute of(MarketType market, StreamKind kind) {
        return switch (market) {
            case SPOT -> SPOT;
            case USDM -> kind == StreamKind.AGG_TRADE ? USDM_MARKET : USDM_PUBLIC;
            case COINM -> COINM;
        };
    }

    /**
     * The route a WebSocket path (e.g. {@code /public/stream}) is on; empty for a USD-M path without
     * a route, which Binance retired on 2026-04-23 and which serves nothing since.
     */
    public static Optional<BinanceRoute> ofPath(MarketType market, String path) {
        for (BinanceRoute route : values()) {
            if (route.market == market && (route.pathPrefix.isEmpty() || path.startsWith(route.pathPrefix + "/"))) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public MarketType market() {
        return market;
    }

    /** Whether streams of {@code kind} are sent on this route. */
    public boolean serves(StreamKind kind) {
        return of(market, kind) == this;
    }

    /** Stable and readable; split ids are made from it. */
    public String id() {
        return id;
    }

    /** What the route puts in front of {@code /stream} and {@code /ws}: empty, or e.g. {@code /market}. */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** The combined-stream path on this route, e.g. {@code /market/stream}. */
    public String streamPath() {
        return pathPrefix + "/stream";
    }
}
