package io.orderflow.source.binance;

import java.util.Locale;

/**
 * The kinds of Binance market stream the source can follow for each symbol. At most one trade kind
 * and one depth kind at a time; {@link #BOOK_TICKER} only serves to cross-check a book rebuilt from
 * {@link #DIFF_DEPTH}.
 */
public enum StreamKind {
    /** Aggregate trades: ids are contiguous per symbol, so a gap can be back-filled over REST. */
    AGG_TRADE,
    /** Raw trades: their ids cannot be back-filled through {@code aggTrades}; gaps are only counted. */
    TRADE,
    /** Diff depth every 100 ms, kept in a local order book synced from REST snapshots. */
    DIFF_DEPTH,
    /** Partial depth (top 5, 10 or 20 levels every 100 ms): no local book, no snapshot. */
    PARTIAL_DEPTH,
    /** The exchange's own best bid and ask, compared with the rebuilt book at equal update ids. */
    BOOK_TICKER;

    /** Binance lets a partial-depth stream carry 5, 10 or 20 levels. */
    static final int MAX_PARTIAL_LEVELS = 20;

    public boolean isTrades() {
        return this == AGG_TRADE || this == TRADE;
    }

    public boolean isDepth() {
        return this == DIFF_DEPTH || this == PARTIAL_DEPTH;
    }

    /**
     * The stream name for a symbol, e.g. {@code btcusdt@aggTrade}; a partial-depth stream carries the
     * fewest levels (5, 10 or 20) that cover {@code bookLevels}.
     */
    public String streamName(String symbol, int bookLevels) {
        String lower = symbol.toLowerCase(Locale.ROOT);
        return switch (this) {
            case AGG_TRADE -> lower + "@aggTrade";
            case TRADE -> lower + "@trade";
            case DIFF_DEPTH -> lower + "@depth@100ms";
            case PARTIAL_DEPTH -> lower + "@depth" + partialLevels(bookLevels) + "@100ms";
            case BOOK_TICKER -> lower + "@bookTicker";
        };
    }

    /** The kind of a stream name made by {@link #streamName}, e.g. {@code btcusdt@depth10@100ms}. */
    public static StreamKind of(String stream) {
        int at = stream.indexOf('@');
        String type = at < 0 ? "" : stream.substring(at + 1);
        if (type.equals("aggTrade")) {
            return AGG_TRADE;
        }
        if (type.equals("trade")) {
            return TRADE;
        }
        if (type.equals("bookTicker")) {
            return BOOK_TICKER;
        }
        if (type.equals("depth") || type.startsWith("depth@")) {
            return DIFF_DEPTH;
        }
        if (type.matches("depth(5|10|20)(@\\d+ms)?")) {
            return PARTIAL_DEPTH;
        }
        throw new IllegalArgumentException("not a stream this source follows: " + stream);
    }

    private static int partialLevels(int bookLevels) {
        return bookLevels <= 5 ? 5 : bookLevels <= 10 ? 10 : MAX_PARTIAL_LEVELS;
    }
}
