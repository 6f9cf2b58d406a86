package io.orderflow.core.exchange.binance.feed;

import java.io.IOException;

/**
 * Where the feed's REST answers come from: fetched from the exchange when live, read from the
 * recording in replay. The feed asks the same questions either way, at the same points of the
 * message stream, so a replay of a capture gets the answers the live run got.
 *
 * <p>Both calls may take long (a live request waits for the exchange); a port that has no answer
 * throws, and the feed carries on as it would after a failed request. A call the exchange's request
 * budget cannot pay for now is not waited for: the port throws {@link RequestDeferred}, and the
 * feed asks again later.
 */
public interface RestPort {

    /** A depth snapshot of {@code symbol}, asked for at {@code nowMs} (the receive time of the message being processed). */
    RestAnswer depthSnapshot(String symbol, long nowMs) throws IOException;

    /** A page of aggregate trades of {@code symbol} from id {@code fromId} (inclusive), oldest first. */
    RestAnswer aggTrades(String symbol, long fromId, long nowMs) throws IOException;

    /** A port that never answers: a feed that must do without REST. */
    RestPort NONE = new RestPort() {
        @Override
        public RestAnswer depthSnapshot(String symbol, long nowMs) throws IOException {
            throw new IOException("no REST port: no depth snapshot for " + symbol);
        }

        @Override
        public RestAnswer aggTrades(String symbol, long fromId, long nowMs) throws IOException {
            throw new IOException("no REST port: no aggTrades for " + symbol);
        }
    };
}
