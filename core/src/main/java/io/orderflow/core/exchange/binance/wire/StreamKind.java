package io.orderflow.core.exchange.binance.wire;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.UnsupportedStreamException;
import java.util.List;
import java.util.Locale;

/**
 * The Binance market streams the job consumes, named by their stream type and event type {@code e}.
 * The live source follows at most one trade kind and one depth kind per symbol; {@link #BOOK_TICKER}
 * only serves to cross-check a book rebuilt from {@link #DIFF_DEPTH}. {@link StreamName} holds the
 * grammar of the names; every well-formed stream or event type not listed here is unsupported.
 */
public enum StreamKind {
    /**
     * {@code <symbol>@aggTrade}. Aggregate trades: ids are contiguous per symbol, so a gap can be
     * back-filled over REST.
     */
    AGG_TRADE("aggTrade"),
    /**
     * {@code <symbol>@trade}. Raw trades: their ids cannot be back-filled through {@code aggTrades};
     * gaps are only counted.
     */
    TRADE("trade"),
    /**
     * {@code <symbol>@depth[@<n>ms]}: diffs, at any update speed. The live source follows them every
     * 100 ms, kept in a local order book synced from REST snapshots.
     */
    DIFF_DEPTH("depthUpdate"),
    /**
     * {@code <symbol>@depth<5|10|20>[@<n>ms]}: top of book (futures send it as a diff-shaped event).
     * No local book, no snapshot.
     */
    PARTIAL_DEPTH("depthUpdate"),
    /**
     * {@code <symbol>@bookTicker}: the exchange's own best bid and ask, compared with the rebuilt book
     * at equal update ids.
     */
    BOOK_TICKER("bookTicker");

    /** The levels a partial-depth stream can carry. */
    public static final List<Integer> PARTIAL_LEVELS = List.of(5, 10, 20);

    public static final int MAX_PARTIAL_LEVELS = 20;

    private static final String DEPTH = "depth";

    /** The {@code e} of its payloads (absent from spot partial depth and spot bookTicker). */
    private final String eventType;

    StreamKind(String eventType) {
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }

    public boolean isTrades() {
        return this == AGG_TRADE || this == TRADE;
    }

    public boolean isDepth() {
        return this == DIFF_DEPTH || this == PARTIAL_DEPTH;
    }

    /**
     * The stream name the live source follows for a symbol, e.g. {@code btcusdt@aggTrade}; a
     * partial-depth stream carries the fewest levels (5, 10 or 20) that cover {@code bookLevels}.
     * {@link StreamName#parse} reads it back as this kind.
     */
    public String streamName(String symbol, int bookLevels) {
        String lower = symbol.toLowerCase(Locale.ROOT);
        return switch (this) {
            case AGG_TRADE -> lower + "@aggTrade";
            case TRADE -> lower + "@trade";
            case DIFF_DEPTH -> lower + "@depth@100ms";
            case PARTIAL_DEPTH -> lower + "@" + DEPTH + partialLevels(bookLevels) + "@100ms";
            case BOOK_TICKER -> lower + "@bookTicker";
        };
    }

    /**
     * The kind of a raw payload's event type {@code e}. A raw {@code depthUpdate} reads as a diff: a
     * futures partial-depth connection must name its stream to be read as one.
     *
     * @throws UnsupportedStreamException for any other event type (kline, markPriceUpdate, ...)
     * @throws MalformedMessageException if {@code e} is not an event type at all
     */
    public static StreamKind ofEventType(String e) throws MalformedMessageException {
        switch (e) {
            case "aggTrade":
                return AGG_TRADE;
            case "trade":
                return TRADE;
            case "depthUpdate":
                return DIFF_DEPTH;
            case "bookTicker":
                return BOOK_TICKER;
            default:
                break;
        }
        if (StreamName.isWord(e)) {
            throw new UnsupportedStreamException("unsupported event type " + e);
        }
        throw new MalformedMessageException("malformed event type '" + e + "'");
    }

    /** The kind of a stream type, the part after the symbol's {@code @}, or null if the job consumes none. */
    static StreamKind ofStreamType(String type) {
        return switch (type) {
            case "aggTrade" -> AGG_TRADE;
            case "trade" -> TRADE;
            case "bookTicker" -> BOOK_TICKER;
            case DEPTH -> DIFF_DEPTH;
            default -> partialLevels(type) > 0 ? PARTIAL_DEPTH : null;
        };
    }

    /** The levels of a {@code depth<5|10|20>} stream type; 0 for any other type. */
    static int partialLevels(String type) {
        for (int levels : PARTIAL_LEVELS) {
            if (type.equals(DEPTH + levels)) {
                return levels;
            }
        }
        return 0;
    }

    private static int partialLevels(int bookLevels) {
        for (int levels : PARTIAL_LEVELS) {
            if (bookLevels <= levels) {
                return levels;
            }
        }
        return MAX_PARTIAL_LEVELS;
    }
}
