package io.orderflow.core.exchange.binance.wire;

import static io.orderflow.core.exchange.binance.wire.WireReader.ABSENT;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.DepthSnapshot;
import java.io.IOException;

/**
 * The REST depth snapshot, {@code GET /api/v3/depth} (spot), {@code /fapi/v1/depth} (USD-M) or
 * {@code /dapi/v1/depth} (coin-M, which adds {@code symbol} and {@code pair}, unused).
 */
public record DepthResponse(
        long lastUpdateId, // Last update id included
        long E, // Message output time, ms (futures only; ABSENT on spot)
        long T, // Transaction time, ms (futures only; ABSENT on spot)
        Levels bids, // Bids: [price, quantity], best first
        Levels asks) { // Asks: [price, quantity], best first

    public static DepthResponse read(WireReader in, MarketType market) throws IOException, MalformedMessageException {
        long lastUpdateId = ABSENT;
        long E = ABSENT;
        long T = ABSENT;
        Levels bids = null;
        Levels asks = null;
        while (in.nextField()) {
            switch (in.field()) {
                case "lastUpdateId" -> lastUpdateId = in.integer();
                case "E" -> E = in.integer();
                case "T" -> T = in.integer();
                case "bids" -> bids = in.levels();
                case "asks" -> asks = in.levels();
                default -> in.skipValue();
            }
        }
        boolean futures = market.isFutures();
        return new DepthResponse(in.required(lastUpdateId, "lastUpdateId"), futures ? in.required(E, "E") : E,
                futures ? in.required(T, "T") : T, in.required(bids, "bids"), in.required(asks, "asks"));
    }

    /** The snapshot, each side best first; its event time is 0 on spot, which sends none. */
    public DepthSnapshot toSnapshot(String symbol, long receiveTimeMs) {
        bids.bestFirst(true);
        asks.bestFirst(false);
        return new DepthSnapshot(symbol, lastUpdateId, E == ABSENT ? 0 : E, receiveTimeMs,
                bids.prices(), bids.qtys(), asks.prices(), asks.qtys());
    }
}
