package io.orderflow.core.exchange.binance;

/**
 * A well-formed Binance message from a stream or of an event type the job does not consume
 * ({@code @kline_1m}, {@code @markPrice@1s}, {@code !miniTicker@arr}, {@code markPriceUpdate}, ...):
 * no use to the job, but no error either, so counted apart from malformed input.
 */
public final class UnsupportedStreamException extends MalformedMessageException {

    public UnsupportedStreamException(String message) {
        super(message);
    }
}
