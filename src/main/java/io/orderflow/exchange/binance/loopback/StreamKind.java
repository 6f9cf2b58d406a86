package io.orderflow.exchange.binance.loopback;

/** The market-data streams the loopback exchange serves, with the futures route each lives on. */
enum StreamKind {
    AGG_TRADE(Route.MARKET),
    TRADE(Route.PUBLIC),
    BOOK_TICKER(Route.PUBLIC),
    DIFF_DEPTH(Route.PUBLIC),
    PARTIAL_DEPTH(Route.PUBLIC);

    private final Route futuresRoute;

    StreamKind(Route futuresRoute) {
        this.futuresRoute = futuresRoute;
    }

    /** Since 2026-04-23 Binance USD-M serves each stream type on one route only. */
    Route futuresRoute() {
        return futuresRoute;
    }
}
