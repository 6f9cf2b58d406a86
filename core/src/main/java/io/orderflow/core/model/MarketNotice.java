package io.orderflow.core.model;

import java.util.Collection;

/**
 * Something that happened, to the feed (a book resync, a late trade, a data gap) or in the market (a
 * swing pivot, a divergence, an anomaly), kept in the output as a row of the {@code events} kind.
 *
 * @param timeMs exchange time if known, else receive time
 * @param type what happened, e.g. {@code book_resync}
 * @param metaJson the figures behind it, as a JSON object
 */
public record MarketNotice(String symbol, long timeMs, String type, String metaJson) {

    /** A live WebSocket connection was lost and came back: its symbols' data has a gap (live sources only). */
    public static final String WS_RECONNECT = "ws_reconnect";

    public static final String BOOK_RESYNC = "book_resync";
    /** A symbol's depth did not give a synced book within the sync timeout, or never did. */
    public static final String BOOK_UNSYNCED = "book_unsynced";
    /** What the feed met for a symbol, written when a replay (or a bounded run) ends. */
    public static final String FEED_SUMMARY = "feed_summary";
    /** A trade that arrived after the watermark had closed its one-minute bar; kept here, not in klines. */
    public static final String LATE_TRADE = "late_trade";
    public static final String PIVOT_HIGH = "pivot_high";
    public static final String PIVOT_LOW = "pivot_low";
    /** Price made a higher high while CVD made a lower high. */
    public static final String BEARISH_DIVERGENCE = "bearish_divergence";
    /** Price made a lower low while CVD made a higher low. */
    public static final String BULLISH_DIVERGENCE = "bullish_divergence";
    /** Price made a lower high while CVD made a higher high. */
    public static final String HIDDEN_BEARISH_DIVERGENCE = "hidden_bearish_divergence";
    /** Price made a higher low while CVD made a lower low. */
    public static final String HIDDEN_BULLISH_DIVERGENCE = "hidden_bullish_divergence";
    public static final String SCORE_EXTREME = "score_extreme";
    public static final String SPREAD_BLOWOUT = "spread_blowout";
    public static final String DATA_GAP = "data_gap";
    public static final String LATENCY_SPIKE = "latency_spike";

    /**
     * A {@link #BOOK_RESYNC} notice, the live source's and the replay's alike.
     *
     * @param reason why the book resyncs, e.g. {@code sequence_gap}
     * @param ids the update ids behind it, as JSON members
     */
    public static MarketNotice bookResync(String symbol, long timeMs, String reason, String ids) {
        String meta = "{\"symbol\":\"" + symbol + "\",\"reason\":\"" + reason + "\"," + ids + "}";
        return new MarketNotice(symbol, timeMs, BOOK_RESYNC, meta);
    }

    /**
     * A {@link #BOOK_UNSYNCED} notice.
     *
     * @param reason why there is no book, e.g. {@code no_snapshot}
     * @param figures the figures behind it, as JSON members
     */
    public static MarketNotice bookUnsynced(String symbol, long timeMs, String reason, String figures) {
        String meta = "{\"symbol\":\"" + symbol + "\",\"reason\":\"" + reason + "\"," + figures + "}";
        return new MarketNotice(symbol, timeMs, BOOK_UNSYNCED, meta);
    }

    /**
     * A {@link #WS_RECONNECT} notice, for one of the symbols the connection serves.
     *
     * @param timeMs receive time of the last message before the loss: where the gap starts
     * @param connection the connection (the source's split id, e.g. {@code usdm-public-0})
     * @param route its route, e.g. {@code usdm-public}
     * @param cause why the connection was lost, as the source logged it
     * @param downMs from the loss to the new connection's opening
     * @param gapMs from {@code timeMs} to the new connection's opening: no message came meanwhile
     * @param symbols every symbol the connection serves
     */
    public static MarketNotice wsReconnect(String symbol, long timeMs, String connection, String route, String cause,
            long downMs, long gapMs, Collection<String> symbols) {
        String meta = MetaJson.of(symbol).put("connection", connection).put("route", route).put("cause", cause)
                .put("down_ms", downMs).put("gap_ms", gapMs).put("symbols", symbols).toString();
        return new MarketNotice(symbol, timeMs, WS_RECONNECT, meta);
    }

    /** A {@link #FEED_SUMMARY} notice; {@code figures} are JSON members. */
    public static MarketNotice feedSummary(String symbol, long timeMs, String figures) {
        return new MarketNotice(symbol, timeMs, FEED_SUMMARY, "{\"symbol\":\"" + symbol + "\"," + figures + "}");
    }

    /** A {@link #BOOK_RESYNC} after a diff sequence gap: the update id the book expected and the one it got. */
    public static MarketNotice sequenceGap(String symbol, long timeMs, long expectedId, long gotId) {
        return bookResync(symbol, timeMs, "sequence_gap", "\"expected_id\":" + expectedId + ",\"got_id\":" + gotId);
    }
}
