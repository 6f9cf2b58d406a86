package io.orderflow.server;

/**
 * One live row as the job encoded it: {@code text} is passed to clients unchanged. {@code tsMs} is the
 * row's event time ({@code data.ts_ms}, {@link Long#MIN_VALUE} when the row has none first);
 * {@code conflatable} says a newer row of the stream may replace it in a slow client's queue;
 * {@code receivedNanos} is when the server read it, for the ingest-to-send latency.
 */
public record LiveMessage(String stream, long seq, long tsMs, boolean conflatable, String text, long receivedNanos) {

    public static final long NO_TIME = Long.MIN_VALUE;
}
