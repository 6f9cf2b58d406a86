package io.orderflow.exchange.binance.wire;

import io.orderflow.exchange.binance.MalformedMessageException;
import io.orderflow.exchange.binance.UnsupportedStreamException;
import java.util.List;
import java.util.Set;

/** The Binance market streams the job consumes, named by their stream type and event type {@code e}. */
public enum StreamKind {
    /** {@code <symbol>@aggTrade}. */
    AGG_TRADE("aggTrade"),
    /** {@code <symbol>@trade}. */
    TRADE("trade"),
    /** {@code <symbol>@depth[@100ms|@250ms|@500ms]}: diffs. */
    DIFF_DEPTH("depthUpdate"),
    /** {@code <symbol>@depth<5|10|20>[@100ms|@250ms|@500ms]}: top of book (futures send it as a diff-shaped event). */
    PARTIAL_DEPTH("depthUpdate"),
    /** {@code <symbol>@bookTicker}. */
    BOOK_TICKER("bookTicker");

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

    private static String withoutSpeed(String type) {
        for (String speed : SPEEDS) {
            if (type.endsWith(speed)) {
                return type.substring(0, type.length() - speed.length());
            }
        }
        return type;
    }
}
