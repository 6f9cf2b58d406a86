package io.orderflow.core.exchange.binance;

/**
 * A message that cannot be turned into a normalised event: truncated or invalid JSON, a missing or
 * mistyped field, a number that is NaN, negative or absurd, or a stream name or event type outside
 * Binance's grammar. The caller counts it, logs it (rate-limited) and skips it. A well-formed message
 * of a stream the job does not consume is the subclass {@link UnsupportedStreamException}, which
 * callers count apart.
 */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
