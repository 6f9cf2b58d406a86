package io.orderflow.core.exchange.binance;

import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.Trade;

/** Receives what {@link BinanceParser} made of one message. */
public interface BinanceMessageHandler {

    /**
     * An {@code aggTrade} ({@code aggregated}: its id can be back-filled through REST {@code aggTrades})
     * or a raw {@code trade}.
     */
    void onTrade(Trade trade, boolean aggregated);

    /** A diff ({@code depthUpdate}). */
    void onDepthUpdate(DepthUpdate update);

    /** A partial-depth snapshot ({@code depth5/10/20}), already normalised to the top K. */
    void onPartialDepth(BookTop book);

    void onBookTicker(BookTicker ticker);

    /** The answer to a SUBSCRIBE (or other method) call: {@code error} is null on success. */
    void onMethodResult(long id, String error);
}
