package io.orderflow.core.exchange.binance;

import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.Trade;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything the parser hands over, in order; a method result is kept as a {@link MethodResult}. */
class CollectingHandler implements BinanceMessageHandler {

    record MethodResult(long id, String error) {}

    final List<Object> events = new ArrayList<>();

    @Override
    public void onTrade(Trade trade, boolean aggregated) {
        events.add(trade);
    }

    @Override
    public void onDepthUpdate(DepthUpdate update) {
        events.add(update);
    }

    @Override
    public void onPartialDepth(BookTop book) {
        events.add(book);
    }

    @Override
    public void onBookTicker(BookTicker ticker) {
        events.add(ticker);
    }

    @Override
    public void onMethodResult(long id, String error) {
        events.add(new MethodResult(id, error));
    }

    /** The one event a message produced. */
    Object only() {
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one event, got " + events);
        }
        return events.get(0);
    }
}
