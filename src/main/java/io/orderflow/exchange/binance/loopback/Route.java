package io.orderflow.exchange.binance.loopback;

/** Which streams a connection's URL path lets through. */
enum Route {
    /** Spot: one path serves everything. */
    ANY,
    /** USD-M {@code /market}: trades by aggregation ({@code @aggTrade}). */
    MARKET,
    /** USD-M {@code /public}: book streams and raw {@code @trade}. */
    PUBLIC,
    /**
     * USD-M's old unrouted path: like the real exchange it acknowledges subscriptions and then
     * sends nothing, which only a silence watchdog notices.
     */
    NONE;

    boolean delivers(StreamKind kind) {
        return switch (this) {
            case ANY -> true;
            case NONE -> false;
            default -> kind.futuresRoute() == this;
        };
    }
}
