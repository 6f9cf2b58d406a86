package io.orderflow.model;

/**
 * What a market source emits: exactly one of a trade or a book update, so that both travel in one
 * ordered stream per symbol. (A record with two nullable fields rather than an interface, so Flink
 * serialises it as a POJO instead of falling back to Kryo.)
 */
public record MarketEvent(Trade trade, BookTop book) {

    public MarketEvent {
        if ((trade == null) == (book == null)) {
            throw new IllegalArgumentException("a market event holds exactly one of trade or book");
        }
    }

    public static MarketEvent of(Trade trade) {
        return new MarketEvent(trade, null);
    }

    public static MarketEvent of(BookTop book) {
        return new MarketEvent(null, book);
    }

    public boolean isTrade() {
        return trade != null;
    }

    public String symbol() {
        return trade != null ? trade.symbol() : book.symbol();
    }

    /** Exchange event time, the job's event time. */
    public long eventTimeMs() {
        return trade != null ? trade.eventTimeMs() : book.eventTimeMs();
    }

    public long receiveTimeMs() {
        return trade != null ? trade.receiveTimeMs() : book.receiveTimeMs();
    }
}
