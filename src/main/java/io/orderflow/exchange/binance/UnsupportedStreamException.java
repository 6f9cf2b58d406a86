package io.orderflow.exchange.binance;

/**
 * A well-formed Binance message from a stream the job does not consume ({@code @kline_1m},
 * {@code @markPrice}, ...): malformed for the job, but worth counting apart from garbage.
 */
public final class UnsupportedStreamException extends MalformedMessageException {

    public UnsupportedStreamException(String message) {
        super(message);
    }
}
