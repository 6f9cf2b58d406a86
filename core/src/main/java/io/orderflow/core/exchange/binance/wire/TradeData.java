package io.orderflow.core.exchange.binance.wire;

import static io.orderflow.core.exchange.binance.wire.WireReader.ABSENT;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.io.IOException;

/** A single trade: the {@code <symbol>@trade} event, spot and USD-M futures (coin-M has none). */
public record TradeData(
        String e, // Event type, "trade"
        long E, // Event time, ms
        String s, // Symbol
        long t, // Trade id
        double p, // Price
        double q, // Quantity
        long T, // Trade time, ms
        boolean m, // Was the buyer the maker?
        boolean M) { // Ignore (spot only: "was the trade the best price match?"; false when absent)

    private static final String EVENT_TYPE = StreamKind.TRADE.eventType();

    /** Reads the event; {@code symbol} is the stream's (the payload must agree), or null if unknown. */
    public static TradeData read(WireReader in, String symbol) throws IOException, MalformedMessageException {
        long E = ABSENT;
        String s = null;
        long t = ABSENT;
        double p = Double.NaN;
        double q = Double.NaN;
        long T = ABSENT;
        Boolean m = null;
        boolean M = false;
        while (in.nextField()) {
            switch (in.field()) {
                case "e" -> in.eventType(EVENT_TYPE);
                case "E" -> E = in.integer();
                case "s" -> s = in.symbol(symbol);
                case "t" -> t = in.integer();
                case "p" -> p = in.positiveDecimal();
                case "q" -> q = in.positiveDecimal();
                case "T" -> T = in.integer();
                case "m" -> m = in.bool();
                case "M" -> M = in.bool();
                default -> in.skipValue();
            }
        }
        return new TradeData(EVENT_TYPE, in.required(E, "E"), in.required(s, "s"), in.required(t, "t"),
                in.required(p, "p"), in.required(q, "q"), in.required(T, "T"), in.required(m, "m"), M);
    }

    public Trade toTrade(long receiveTimeMs) {
        return new Trade(s, E, T, receiveTimeMs, p, q, t, TakerSide.fromBuyerIsMaker(m));
    }
}
