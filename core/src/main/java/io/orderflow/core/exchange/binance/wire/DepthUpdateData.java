package io.orderflow.core.exchange.binance.wire;

import static io.orderflow.core.exchange.binance.wire.WireReader.ABSENT;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthUpdate;
import java.io.IOException;

/**
 * A {@code depthUpdate} event: the diff stream {@code <symbol>@depth[@<n>ms]} (spot and futures), and
 * the futures partial-depth stream {@code <symbol>@depth<5|10|20>}, which has the same shape. Coin-M
 * adds the pair {@code ps} ({@code BTCUSD} for {@code BTCUSD_PERP}), which the job does not need.
 */
public record DepthUpdateData(
        String e, // Event type, "depthUpdate"
        long E, // Event time, ms
        long T, // Transaction time, ms (futures only; ABSENT on spot)
        String s, // Symbol
        long U, // First update id in event
        long u, // Final update id in event
        long pu, // Final update id of the previous event (futures only; ABSENT on spot)
        Levels b, // Bids to be updated: [price, new quantity], 0 removes the level
        Levels a) { // Asks to be updated

    private static final String EVENT_TYPE = StreamKind.DIFF_DEPTH.eventType();

    /**
     * Reads the event; {@code symbol} is the stream's (the payload must agree), or null if unknown.
     * Futures events must carry {@code T} and {@code pu}: the book's continuity check rests on {@code pu}.
     */
    public static DepthUpdateData read(WireReader in, String symbol, MarketType market)
            throws IOException, MalformedMessageException {
        long E = ABSENT;
        long T = ABSENT;
        String s = null;
        long U = ABSENT;
        long u = ABSENT;
        long pu = ABSENT;
        Levels b = null;
        Levels a = null;
        while (in.nextField()) {
            switch (in.field()) {
                case "e" -> in.eventType(EVENT_TYPE);
                case "E" -> E = in.integer();
                case "T" -> T = in.integer();
                case "s" -> s = in.symbol(symbol);
                case "U" -> U = in.integer();
                case "u" -> u = in.integer();
                case "pu" -> pu = in.integer();
                case "b" -> b = in.levels();
                case "a" -> a = in.levels();
                default -> in.skipValue();
            }
        }
        boolean futures = market.isFutures();
        DepthUpdateData data = new DepthUpdateData(EVENT_TYPE, in.required(E, "E"),
                futures ? in.required(T, "T") : T, in.required(s, "s"), in.required(U, "U"),
                in.required(u, "u"), futures ? in.required(pu, "pu") : pu, in.required(b, "b"),
                in.required(a, "a"));
        if (U > u) {
            throw in.malformed("U", "first update id " + U + " is after the final one " + u);
        }
        return data;
    }

    /** The diff, levels in wire order; {@code pu} is {@link DepthUpdate#NO_PREVIOUS_ID} on spot. */
    public DepthUpdate toDepthUpdate(long receiveTimeMs) {
        return new DepthUpdate(s, E, transactTime(), receiveTimeMs, U, u,
                pu == ABSENT ? DepthUpdate.NO_PREVIOUS_ID : pu, b.prices(), b.qtys(), a.prices(), a.qtys());
    }

    /** The futures partial-depth reading: the top {@code levels} of each side as of update {@code u}. */
    public BookTop toBookTop(int levels, long receiveTimeMs) {
        return Levels.bookTop(s, E, transactTime(), receiveTimeMs, u, b, a, levels);
    }

    private long transactTime() {
        return T == ABSENT ? E : T;
    }
}
