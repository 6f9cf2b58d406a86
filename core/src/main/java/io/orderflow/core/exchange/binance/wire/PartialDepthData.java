package io.orderflow.core.exchange.binance.wire;

import static io.orderflow.core.exchange.binance.wire.WireReader.ABSENT;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.model.BookTop;
import java.io.IOException;

/**
 * A spot partial-depth payload, {@code <symbol>@depth<5|10|20>[@<n>ms]}. It has no event type, no
 * symbol and no event time: the symbol comes from the stream name. (Futures partial depth is a
 * {@link DepthUpdateData}.)
 */
public record PartialDepthData(
        long lastUpdateId, // Last update id included
        Levels bids, // Bids: [price, quantity], best first
        Levels asks) { // Asks: [price, quantity], best first

    public static PartialDepthData read(WireReader in) throws IOException, MalformedMessageException {
        long lastUpdateId = ABSENT;
        Levels bids = null;
        Levels asks = null;
        while (in.nextField()) {
            switch (in.field()) {
                case "lastUpdateId" -> lastUpdateId = in.integer();
                case "bids" -> bids = in.levels();
                case "asks" -> asks = in.levels();
                default -> in.skipValue();
            }
        }
        return new PartialDepthData(in.required(lastUpdateId, "lastUpdateId"), in.required(bids, "bids"),
                in.required(asks, "asks"));
    }

    /**
     * The top {@code levels} of each side. With no exchange time in the payload, the receive time
     * stands in for both the event and the transaction time (so event time stays monotonic per socket).
     */
    public BookTop toBookTop(String symbol, int levels, long receiveTimeMs) {
        return Levels.bookTop(symbol, receiveTimeMs, receiveTimeMs, receiveTimeMs, lastUpdateId, bids, asks, levels);
    }
}
