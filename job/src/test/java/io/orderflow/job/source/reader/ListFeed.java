package io.orderflow.job.source.reader;

import io.orderflow.core.feed.MarketFeed;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.util.ArrayList;
import java.util.List;

/** A finite feed of given events that remembers whether it was closed: what a recording looks like. */
public final class ListFeed implements MarketFeed {

    private final List<MarketEvent> events;
    private int position;
    private boolean closed;

    public ListFeed(List<MarketEvent> events) {
        this.events = List.copyOf(events);
    }

    /** {@code count} trades of {@code symbol}, trade id i at event time {@code firstMs + i * stepMs}. */
    public static List<MarketEvent> trades(String symbol, int count, long firstMs, long stepMs) {
        List<MarketEvent> trades = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long timeMs = firstMs + i * stepMs;
            trades.add(MarketEvent.of(new Trade(symbol, timeMs, timeMs, timeMs, 100.0 + i, 1.0, i, TakerSide.BUY)));
        }
        return trades;
    }

    @Override
    public MarketEvent next() {
        return position < events.size() ? events.get(position++) : null;
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
