package io.orderflow.core.exchange.binance;

import io.orderflow.core.exchange.binance.wire.StreamKind;

/**
 * The Binance markets the job follows, with what tells them apart: book-sync rules, base URLs, REST
 * paths and limits. Coin-M speaks USD-M's wire format (plus a pair {@code ps}) under its own hosts
 * and {@code /dapi/v1}; its quantities are contracts, not coins.
 */
public enum MarketType {
    /** Spot: diff continuity is {@code U == previous u + 1}. */
    SPOT("wss://stream.binance.com:9443", "https://api.binance.com", "/api/v3", 1024),
    /** USD-M futures: diff continuity is {@code pu == previous u}; streams routed by type. */
    USDM("wss://fstream.binance.com", "https://fapi.binance.com", "/fapi/v1", 1024),
    /**
     * Coin-M (delivery) futures, e.g. {@code BTCUSD_PERP}, {@code ETHUSD_211231}: USD-M's rules and
     * payloads; one unrouted WebSocket path, at most 200 streams per connection (Binance's coin-M
     * docs), no raw {@code @trade} stream.
     */
    COINM("wss://dstream.binance.com", "https://dapi.binance.com", "/dapi/v1", 200);

    private final String wsBaseUrl;
    private final String restBaseUrl;
    private final String restPrefix;
    private final int maxStreamsPerConnection;

    MarketType(String wsBaseUrl, String restBaseUrl, String restPrefix, int maxStreamsPerConnection) {
        this.wsBaseUrl = wsBaseUrl;
        this.restBaseUrl = restBaseUrl;
        this.restPrefix = restPrefix;
        this.maxStreamsPerConnection = maxStreamsPerConnection;
    }

    /** USD-M and coin-M: diffs chain by {@code pu}, payloads carry {@code E} and {@code T}. */
    public boolean isFutures() {
        return this != SPOT;
    }

    /** Binance's own WebSocket base URL for the market. */
    public String wsBaseUrl() {
        return wsBaseUrl;
    }

    /** Binance's own REST base URL for the market. */
    public String restBaseUrl() {
        return restBaseUrl;
    }

    /** The REST depth snapshot's path, e.g. {@code /dapi/v1/depth}. */
    public String depthPath() {
        return restPrefix + "/depth";
    }

    /** The REST aggregate-trades path, e.g. {@code /fapi/v1/aggTrades}. */
    public String aggTradesPath() {
        return restPrefix + "/aggTrades";
    }

    /** Binance's limit on the streams one connection may carry. */
    public int maxStreamsPerConnection() {
        return maxStreamsPerConnection;
    }

    /** Whether the market has this stream at all: coin-M documents no raw {@code @trade}. */
    public boolean offers(StreamKind kind) {
        return this != COINM || kind != StreamKind.TRADE;
    }
}
