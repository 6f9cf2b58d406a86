package io.orderflow.core.model;

/**
 * What a market source emits: exactly one of a trade, a book state, a feed notice or a raw frame, so
 * that all travel in one ordered stream per symbol. (A record with nullable fields rather than an
 * interface, so Flink serialises it as a POJO instead of falling back to Kryo.)
 */
public record MarketEvent(Trade trade, BookTop book, MarketNotice notice, RawFrame raw) {

    public MarketEvent {
        int present = (trade != null ? 1 : 0) + (book != null ? 1 : 0) + (notice != null ? 1 : 0)
                + (raw != null ? 1 : 0);
        if (present != 1) {
            throw new IllegalArgumentException("a market event holds exactly one of trade, book, notice, raw");
        }
    }

    public static MarketEvent of(Trade trade) {
        return new MarketEvent(trade, null, null, null);
    }

    public static MarketEvent of(BookTop book) {
        return new MarketEvent(null, book, null, null);
    }

    public static MarketEvent of(MarketNotice notice) {
        return new MarketEvent(null, null, notice, null);
    }

    public static MarketEvent of(RawFrame raw) {
        return new MarketEvent(null, null, null, raw);
    }

    public boolean isTrade() {
        return trade != null;
    }

    public String symbol() {
        if (trade != null) {
            return trade.symbol();
        }
        if (book != null) {
            return book.symbol();
        }
        return notice != null ? notice.symbol() : raw.symbol();
    }

    /** Exchange event time, the job's event time (receive time for a raw frame). */
    public long eventTimeMs() {
        if (trade != null) {
            return trade.eventTimeMs();
        }
        if (book != null) {
            return book.eventTimeMs();
        }
        return notice != null ? notice.timeMs() : raw.receiveTimeMs();
    }

    public long receiveTimeMs() {
        if (trade != null) {
            return trade.receiveTimeMs();
        }
        if (book != null) {
            return book.receiveTimeMs();
        }
        return notice != null ? notice.timeMs() : raw.receiveTimeMs();
    }
}
