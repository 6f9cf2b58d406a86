package io.orderflow.core.replay;

/**
 * One message of a recording, whatever its file format: a WebSocket text message or a REST
 * response, with the time the recorder received it.
 *
 * @param receiveTimeNanos when the recorder received it, epoch ns (recorder's clock, not the exchange's)
 * @param kind what the text is
 * @param stream the WebSocket stream, where the recording names it apart from the text (the capture
 *     format does), else null; for a REST response, the request's path and query ({@code
 *     /fapi/v1/depth?symbol=BTCUSDT&limit=1000}) where recorded
 * @param symbol the symbol of a REST response (upper case); null for a WebSocket message, whose
 *     symbol is inside the text
 * @param text the message exactly as recorded
 */
public record RecordedMessage(long receiveTimeNanos, Kind kind, String stream, String symbol, String text) {

    public enum Kind {
        /** A WebSocket text message (combined-stream or raw). */
        WEBSOCKET,
        /** A REST order-book snapshot ({@code GET depth}). */
        DEPTH_SNAPSHOT,
        /** A REST page of aggregate trades ({@code GET aggTrades}): a live back-fill, captured. */
        AGG_TRADES,
        /** Another REST response, which replay does not use. */
        OTHER_REST;

        public boolean isRest() {
            return this != WEBSOCKET;
        }
    }

    public long receiveTimeMs() {
        return Math.floorDiv(receiveTimeNanos, 1_000_000L);
    }
}
