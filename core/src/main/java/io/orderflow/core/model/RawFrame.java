package io.orderflow.core.model;

/**
 * One message exactly as received, for the optional capture ({@code raw} kind) that can be replayed
 * later.
 *
 * @param receiveTimeMs when this process received it
 * @param symbol the symbol the stream is about (upper case), or {@link #CONNECTION} for a
 *     connection-level message (a method result, a message that names no symbol)
 * @param stream the stream name (e.g. {@code btcusdt@aggTrade}), or {@code rest:<path>} for a REST response
 * @param payload the text as received
 */
public record RawFrame(long receiveTimeMs, String symbol, String stream, String payload) {

    /** The symbol partition of messages about no symbol in particular. */
    public static final String CONNECTION = "_";
}
