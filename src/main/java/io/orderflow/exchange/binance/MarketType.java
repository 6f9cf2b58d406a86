package io.orderflow.exchange.binance;

/** The Binance markets the job follows; their book-sync rules and routes differ. */
public enum MarketType {
    /** Spot: diff continuity is {@code U == previous u + 1}. */
    SPOT,
    /** USD-M futures: diff continuity is {@code pu == previous u}; streams routed by type. */
    USDM
}
