package io.orderflow.exchange.binance.wire;

import io.orderflow.exchange.binance.MalformedMessageException;
import io.orderflow.exchange.binance.UnsupportedStreamException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Binance market streams the job consumes, named by their stream type and event type {@code e}.
 * The live source follows at most one trade kind and one depth kind per symbol; {@link #BOOK_TICKER}
 * only serves to cross-check a book rebuilt from {@link #DIFF_DEPTH}.
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
     * {@code <symbol>@depth[@100ms|@250ms|@500ms]}: diffs. The live source follows them every 100 ms,
     * kept in a local order book synced from REST snapshots.
     */
    DIFF_DEPTH("depthUpdate"),
    /**
     * {@code <symbol>@depth<5|10|20>[@100ms|@250ms|@500ms]}: top of book (futures send it as a
     * diff-shaped event). No local book, no snapshot.
     */
    PARTIAL_DEPTH("depthUpdate"),
    /**
     * {@code <symbol>@bookTicker}: the exchange's own best bid and ask, compared with the rebuilt book
     * at equal update ids.
     */
    BOOK_TICKER("bookTicker");

    /** Binance lets a partial-depth stream carry 5, 10 or 20 levels. */
    public static final int MAX_PARTIAL_LEVELS = 20;

    private static final List<String> SPEEDS = List.of("@100ms", "@250ms", "@500ms");

    /** Well-formed Binance market streams that the job does not consume (told apart from garbage). */
    private static final List<String> UNSUPPORTED_STREAM_PREFIXES = List.of(
            "kline_", "continuousKline_", "markPrice", "miniTicker", "ticker", "forceOrder", "avgPrice",
            "compositeIndex");

    private static final Set<String> UNSUPPORTED_EVENT_TYPES = Set.of(
            "kline", "continuous_kline", "markPriceUpdate", "24hrMiniTicker", "24hrTicker", "1hTicker",
            "4hTicker", "1dTicker", "forceOrder", "avgPrice", "compositeIndex");

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
            case PARTIAL_DEPTH -> lower + "@depth" + partialLevels(bookLevels) + "@100ms";
            case BOOK_TICKER -> lower + "@bookTicker";
        };
    }

    /** The kind of a stream type, the part after the symbol's {@code @}; {@code stream} names it in failures. */
    static StreamKind ofStreamType(String stream, String type) throws MalformedMessageException {
        String base = withoutSpeed(type);
        switch (base) {
            case "depth":
                return DIFF_DEPTH;
            case "depth5":
            case "depth10":
            case "depth20":
                return PARTIAL_DEPTH;
            default:
                break;
        }
        if (base.equals(type)) {
            switch (type) {
                case "aggTrade":
                    return AGG_TRADE;
                case "trade":
                    return TRADE;
                case "bookTicker":
                    return BOOK_TICKER;
                default:
                    break;
            }
        }
        for (String prefix : UNSUPPORTED_STREAM_PREFIXES) {
            if (type.startsWith(prefix)) {
                throw new UnsupportedStreamException("unsupported stream " + stream);
            }
        }
        throw new MalformedMessageException("unknown stream " + stream);
    }

    /**
     * The kind of a raw payload's event type {@code e}. A raw {@code depthUpdate} reads as a diff: a
     * futures partial-depth connection must name its stream to be read as one.
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
        if (UNSUPPORTED_EVENT_TYPES.contains(e)) {
            throw new UnsupportedStreamException("unsupported event type " + e);
        }
        throw new MalformedMessageException("unknown event type " + e);
    }

    private static int partialLevels(int bookLevels) {
        return bookLevels <= 5 ? 5 : bookLevels <= 10 ? 10 : MAX_PARTIAL_LEVELS;
    }

    private static String withoutSpeed(String type) {
        for (String speed : SPEEDS) {
            if (type.endsWith(speed)) {
                return type.substring(0, type.length() - speed.length());
            }
        }
        return type;
    }
}
