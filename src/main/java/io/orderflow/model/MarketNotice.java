package io.orderflow.model;

/**
 * Something that happened to the feed rather than in the market (a book resync, a gap filled), kept
 * in the output as a row of the {@code events} kind.
 *
 * @param timeMs exchange time if known, else receive time
 * @param type what happened, e.g. {@code book_resync}
 * @param metaJson the figures behind it, as a JSON object
 */
public record MarketNotice(String symbol, long timeMs, String type, String metaJson) {

    public static final String BOOK_RESYNC = "book_resync";

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

    /** A {@link #BOOK_RESYNC} after a diff sequence gap: the update id the book expected and the one it got. */
    public static MarketNotice sequenceGap(String symbol, long timeMs, long expectedId, long gotId) {
        return bookResync(symbol, timeMs, "sequence_gap", "\"expected_id\":" + expectedId + ",\"got_id\":" + gotId);
    }
}
