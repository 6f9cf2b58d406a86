package io.orderflow.core.exchange.binance.feed;

import io.orderflow.core.model.MarketEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed output that keeps what it is given. With a capacity it stands for a reader that lags: an
 * {@code offer} past it is refused (a {@code put}, which would wait for room live, always lands).
 */
final class CollectingOutput implements FeedOutput {

    private final int capacity;
    private final List<MarketEvent> events = new ArrayList<>();

    CollectingOutput() {
        this(Integer.MAX_VALUE);
    }

    CollectingOutput(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean put(MarketEvent event) {
        events.add(event);
        return true;
    }

    @Override
    public boolean offer(MarketEvent event) {
        return events.size() < capacity && events.add(event);
    }

    @Override
    public boolean putConflating(MarketEvent book) {
        for (int i = events.size() - 1; i >= 0 && events.size() >= capacity; i--) {
            MarketEvent queued = events.get(i);
            if (queued.book() != null && queued.symbol().equals(book.symbol())) {
                events.remove(i);
                events.add(book);
                return true;
            }
        }
        events.add(book);
        return false;
    }

    @Override
    public boolean hasHeadroom() {
        return events.size() <= capacity / 2;
    }

    /** What was given so far, then forgotten: the reader caught up. */
    List<MarketEvent> drain() {
        List<MarketEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }
}
