package io.orderflow.core.exchange.binance.wire;

import static io.orderflow.core.exchange.binance.wire.WireReader.ABSENT;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.BookTicker;
import java.io.IOException;

/**
 * The {@code <symbol>@bookTicker} event: the exchange's own best bid and ask. Spot sends only
 * {@code u, s, b, B, a, A}; futures add {@code e, E, T}, coin-M also the pair {@code ps}, unused.
 */
public record BookTickerData(
        String e, // Event type, "bookTicker" (futures only; null on spot)
        long u, // Order book update id
        long E, // Event time, ms (futures only; ABSENT on spot)
        long T, // Transaction time, ms (futures only; ABSENT on spot)
        String s, // Symbol
        double b, // Best bid price
        double B, // Best bid quantity
        double a, // Best ask price
        double A) { // Best ask quantity

    private static final String EVENT_TYPE = StreamKind.BOOK_TICKER.eventType();

    /**
     * Reads the event; {@code symbol} is the stream's (the payload must agree), or null if unknown.
     * Prices may be zero: an empty side.
     */
    public static BookTickerData read(WireReader in, String symbol, MarketType market)
            throws IOException, MalformedMessageException {
        String e = null;
        long u = ABSENT;
        long E = ABSENT;
        long T = ABSENT;
        String s = null;
        double b = Double.NaN;
        double B = Double.NaN;
        double a = Double.NaN;
        double A = Double.NaN;
        while (in.nextField()) {
            switch (in.field()) {
                case "e" -> {
                    in.eventType(EVENT_TYPE);
                    e = EVENT_TYPE;
                }
                case "u" -> u = in.integer();
                case "E" -> E = in.integer();
                case "T" -> T = in.integer();
                case "s" -> s = in.symbol(symbol);
                case "b" -> b = in.decimal();
                case "B" -> B = in.decimal();
                case "a" -> a = in.decimal();
                case "A" -> A = in.decimal();
                default -> in.skipValue();
            }
        }
        boolean futures = market.isFutures();
        return new BookTickerData(e, in.required(u, "u"), futures ? in.required(E, "E") : E,
                futures ? in.required(T, "T") : T, in.required(s, "s"), in.required(b, "b"),
                in.required(B, "B"), in.required(a, "a"), in.required(A, "A"));
    }

    /** The ticker; its event time is 0 on spot, which sends none. */
    public BookTicker toBookTicker(long receiveTimeMs) {
        return new BookTicker(s, u, E == ABSENT ? 0 : E, receiveTimeMs, b, B, a, A);
    }
}
