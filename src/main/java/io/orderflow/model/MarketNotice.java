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
}
