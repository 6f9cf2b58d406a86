package io.orderflow.core.exchange.binance.wire;

import static io.orderflow.core.exchange.binance.wire.WireReader.ABSENT;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.io.IOException;

/**
 * An aggregate trade: the {@code <symbol>@aggTrade} event (spot and futures), and an element of
 * the REST {@code aggTrades} page, which has the same keys without {@code e}, {@code E} and {@code s}.
 */
public record AggTradeData(
        String e, // Event type, "aggTrade" (null in a REST page)
        long E, // Event time, ms (ABSENT in a REST page)
        String s, // Symbol (null in a REST page)
        long a, // Aggregate trade id
        double p, // Price
        double q, // Quantity
        long f, // First trade id
        long l, // Last trade id
        long T, // Trade time, ms
        boolean m, // Was the buyer the maker?
        boolean M) { // Ignore (spot only: "was the trade the best price match?"; false when absent)

    private static final String EVENT_TYPE = StreamKind.AGG_TRADE.eventType();

    /** Reads a stream event; {@code symbol} is the stream's (the payload must agree), or null if unknown. */
    public static AggTradeData readEvent(WireReader in, String symbol) throws IOException, MalformedMessageException {
        return read(in, symbol, true);
    }

    /** Reads one element of a REST {@code aggTrades} page. */
    public static AggTradeData readRestItem(WireReader in) throws IOException, MalformedMessageException {
        return read(in, null, false);
    }

    private static AggTradeData read(WireReader in, String symbol, boolean event)
            throws IOException, MalformedMessageException {
        long E = ABSENT;
        String s = null;
        long a = ABSENT;
        double p = Double.NaN;
        double q = Double.NaN;
        long f = ABSENT;
        long l = ABSENT;
        long T = ABSENT;
        Boolean m = null;
        boolean M = false;
        while (in.nextField()) {
            switch (in.field()) {
                case "e" -> in.eventType(EVENT_TYPE);
                case "E" -> E = in.integer();
                case "s" -> s = in.symbol(symbol);
                case "a" -> a = in.integer();
                case "p" -> p = in.positiveDecimal();
                case "q" -> q = in.positiveDecimal();
                case "f" -> f = in.integer();
                case "l" -> l = in.integer();
                case "T" -> T = in.integer();
                case "m" -> m = in.bool();
                case "M" -> M = in.bool();
                default -> in.skipValue();
            }
        }
        return new AggTradeData(
                event ? EVENT_TYPE : null,
                event ? in.required(E, "E") : E,
                event ? in.required(s, "s") : s,
                in.required(a, "a"),
                in.required(p, "p"),
                in.required(q, "q"),
                in.required(f, "f"),
                in.required(l, "l"),
                in.required(T, "T"),
                in.required(m, "m"),
                M);
    }

    /**
     * The normalised trade of {@code symbol} (the event's {@code s}, or the symbol a REST page was asked
     * for); a REST element has no event time, so its trade time stands in.
     */
    public Trade toTrade(String symbol, long receiveTimeMs) {
        return new Trade(symbol, E == ABSENT ? T : E, T, receiveTimeMs, p, q, a, TakerSide.fromBuyerIsMaker(m));
    }
}
