package io.orderflow.core.exchange.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.exchange.binance.wire.AggTradeData;
import io.orderflow.core.exchange.binance.wire.BookTickerData;
import io.orderflow.core.exchange.binance.wire.DepthResponse;
import io.orderflow.core.exchange.binance.wire.DepthUpdateData;
import io.orderflow.core.exchange.binance.wire.ErrorBody;
import io.orderflow.core.exchange.binance.wire.MethodResponse;
import io.orderflow.core.exchange.binance.wire.PartialDepthData;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.exchange.binance.wire.StreamName;
import io.orderflow.core.exchange.binance.wire.StreamNames;
import io.orderflow.core.exchange.binance.wire.TradeData;
import io.orderflow.core.exchange.binance.wire.WireReader;
import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.Trade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one parse step from Binance's wire format to normalised events: each message is read field by
 * field with Jackson's streaming parser into its wire record ({@code exchange.binance.wire}), checked,
 * and turned into a {@link Trade}, {@link DepthUpdate}, {@link BookTop} or {@link BookTicker}.
 *
 * <p>Messages come combined-stream ({@code {"stream":"btcusdt@aggTrade","data":{..}}}, which names
 * the stream) or raw (what a {@code /ws/<stream>} socket sends: the payload alone). A raw payload is
 * recognised by its event type {@code e}; spot partial depth and spot bookTicker have none, so a raw
 * connection should pass the stream it subscribed to ({@link #parse(String, String, long,
 * BinanceMessageHandler)}), without which a spot bookTicker is still recognised by its keys but a spot
 * partial depth cannot be (it has no symbol either).
 *
 * <p>Where a payload lacks a time, the normalised event says so rather than inventing one: spot
 * bookTicker and spot REST snapshots have event time 0; a REST {@code aggTrades} trade takes its trade
 * time {@code T}; a spot partial depth (which has no exchange time at all) takes the receive time, so
 * that event time still advances with the stream. Diffs without {@code T} (spot) take {@code E} as
 * their transaction time, and {@code pu} {@link DepthUpdate#NO_PREVIOUS_ID}.
 *
 * <p>Anything that cannot become an event throws {@link MalformedMessageException} naming the stream
 * and field, and nothing reaches the handler; a well-formed message of a stream the job does not
 * consume (kline, ticker, ...) throws its subclass {@link UnsupportedStreamException}. The parser
 * never logs: the caller counts, logs and skips.
 *
 * <p>Stream messages are first read with {@link PlainJsonParser}, which declines anything but plain
 * JSON (no escapes, no fractions); a declined message, or one that is not a well-formed event, is read
 * again with Jackson's own parser, whose outcome is the answer.
 *
 * <p>Not thread-safe, REST methods included: it reuses buffers from one message to the next. Use one
 * instance per connection (its socket thread) or per replayed file. A handler may call back into the
 * parser (say, {@link #parseSnapshot} on a sequence gap): a message is read to its end before the
 * handler sees its event.
 */
public final class BinanceParser {

    private static final ObjectMapper TREES = new ObjectMapper(); // only for messages out of the usual key order

    private final MarketType market;
    private final int bookLevels;
    private final JsonFactory jsonFactory = JsonFactory.builder().recyclerPool(new OneThreadRecyclerPool()).build();
    /** Reads nearly every stream message; what it declines, Jackson's parser reads. */
    private final PlainJsonParser plain = new PlainJsonParser();
    private final WireReader in = new WireReader();
    private final StreamNames streams = new StreamNames();
    /** The message being read is an aggregate trade (whose id REST can back-fill). */
    private boolean aggregated;

    /**
     * @param market which market's messages this parser reads (futures diffs must carry {@code pu})
     * @param bookLevels K, the levels kept for partial-depth books
     */
    public BinanceParser(MarketType market, int bookLevels) {
        if (bookLevels < 1) {
            throw new IllegalArgumentException("bookLevels must be at least 1, got " + bookLevels);
        }
        this.market = market;
        this.bookLevels = bookLevels;
    }

    /**
     * Parses one WebSocket text message, combined-stream ({@code {"stream":..,"data":..}}) or raw,
     * received at {@code receiveTimeMs}, and hands the result to {@code handler}.
     */
    public void parse(String message, long receiveTimeMs, BinanceMessageHandler handler)
            throws MalformedMessageException {
        parse(message, null, receiveTimeMs, handler);
    }

    /**
     * As {@link #parse(String, long, BinanceMessageHandler)}, for a socket subscribed to one stream:
     * {@code stream} (e.g. {@code btcusdt@depth5}, or null if unknown) says what its raw payloads are.
     */
    public void parse(String message, String stream, long receiveTimeMs, BinanceMessageHandler handler)
            throws MalformedMessageException {
        StreamName hint = stream == null ? null : streams.lookup(stream);
        Object event;
        aggregated = false;
        try {
            event = readMessage(plain.reset(message), hint, receiveTimeMs);
        } catch (PlainJsonParser.Decline | IOException | MalformedMessageException notPlain) {
            // Not plain JSON, or not a well-formed event: Jackson reads it again, and its verdict stands.
            try (JsonParser json = jsonFactory.createParser(message)) {
                event = readMessage(json, hint, receiveTimeMs);
            } catch (IOException e) {
                throw readFailure(e);
            }
        }
        deliver(event, aggregated, handler);
    }

    /** The event of one whole message: its one object, then nothing. */
    private Object readMessage(JsonParser json, StreamName hint, long receiveTimeMs)
            throws IOException, MalformedMessageException {
        in.begin(json, hint == null ? "message" : hint.name());
        json.nextToken();
        in.expectObject();
        if (json.nextToken() != JsonToken.FIELD_NAME) {
            throw in.malformed("empty object");
        }
        String first = json.currentName();
        Object event = first.equals("stream") || first.equals("data")
                ? readCombined(json, receiveTimeMs)
                : readRaw(json, hint, receiveTimeMs);
        expectEnd(json);
        return event;
    }

    /** A REST depth snapshot ({@code GET /api/v3/depth}, {@code /fapi/v1/depth}, {@code /dapi/v1/depth}), best first. */
    public DepthSnapshot parseSnapshot(String symbol, String json, long receiveTimeMs)
            throws MalformedMessageException {
        String sym = restSymbol(symbol);
        try (JsonParser parser = jsonFactory.createParser(json)) {
            in.begin(parser, "REST depth " + sym);
            parser.nextToken();
            in.expectObject();
            rejectErrorBody(parser);
            DepthSnapshot snapshot = DepthResponse.read(in, market).toSnapshot(sym, receiveTimeMs);
            expectEnd(parser);
            return snapshot;
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    /**
     * A REST {@code aggTrades} page, in id order. Its elements have no event time: each trade's
     * {@code eventTimeMs} is its trade time {@code T}.
     */
    public List<Trade> parseAggTrades(String symbol, String json, long receiveTimeMs)
            throws MalformedMessageException {
        String sym = restSymbol(symbol);
        try (JsonParser parser = jsonFactory.createParser(json)) {
            in.begin(parser, "REST aggTrades " + sym);
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                rejectErrorBody(parser);
            }
            if (token != JsonToken.START_ARRAY) {
                throw in.malformed("expected an array of trades, got " + WireReader.describe(token));
            }
            List<Trade> trades = new ArrayList<>();
            long previousId = -1;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                AggTradeData item = AggTradeData.readRestItem(in);
                if (item.a() <= previousId) {
                    throw in.malformed("a", "aggregate trade ids not increasing: " + item.a() + " after " + previousId);
                }
                previousId = item.a();
                trades.add(item.toTrade(sym, receiveTimeMs));
            }
            if (token != JsonToken.END_ARRAY) {
                throw in.malformed("expected a trade object, got " + WireReader.describe(token));
            }
            expectEnd(parser);
            return trades;
        } catch (IOException e) {
            throw readFailure(e);
        }
    }

    /** {@code {"stream":..,"data":..}}, positioned on its first key. */
    private Object readCombined(JsonParser json, long receiveTimeMs) throws IOException, MalformedMessageException {
        StreamName stream = null;
        Object event = null;
        JsonNode dataBeforeStream = null;
        do {
            String key = json.currentName();
            json.nextToken();
            if (key.equals("stream")) {
                stream = in.streamName(streams);
                in.context(stream.name());
            } else if (key.equals("data") && stream != null) {
                in.expectObject();
                event = readPayload(stream.kind(), stream.symbol(), receiveTimeMs);
            } else if (key.equals("data")) {
                dataBeforeStream = TREES.readTree(json); // valid JSON, though Binance puts "stream" first
            } else {
                json.skipChildren();
            }
        } while (json.nextToken() == JsonToken.FIELD_NAME);
        if (stream == null) {
            throw in.malformed("combined-stream message without \"stream\"");
        }
        if (dataBeforeStream != null) {
            event = readBuffered(dataBeforeStream, stream.kind(), stream.symbol(), receiveTimeMs);
        }
        if (event == null) {
            throw in.malformed("combined-stream message without \"data\"");
        }
        return event;
    }

    /**
     * A raw payload (or a method response), positioned on its first key. The key {@code e} names the
     * event type; Binance always sends it first, so other orders take the slower tree path.
     */
    private Object readRaw(JsonParser json, StreamName hint, long receiveTimeMs)
            throws IOException, MalformedMessageException {
        String first = json.currentName();
        if (MethodResponse.startsResponse(first)) {
            return MethodResponse.read(in);
        }
        if (first.equals("e")) {
            json.nextToken();
            String e = in.text();
            StreamKind kind = hint == null ? StreamKind.ofEventType(e) : hint.kind();
            if (!kind.eventType().equals(e)) {
                throw in.malformed("e", "expected event type " + kind.eventType() + ", got " + e);
            }
            return readPayload(kind, hint == null ? null : hint.symbol(), receiveTimeMs);
        }
        if (hint != null) {
            return readPayload(hint.kind(), hint.symbol(), receiveTimeMs);
        }
        return readByShape(TREES.readTree(json), receiveTimeMs); // the rest of the object, from its first key
    }

    /** A raw payload without {@code e} first and without a stream name: told apart by its keys. */
    private Object readByShape(JsonNode payload, long receiveTimeMs) throws IOException, MalformedMessageException {
        if (payload.has("e")) {
            return readBuffered(payload, StreamKind.ofEventType(payload.get("e").asText()), null, receiveTimeMs);
        }
        if (payload.has("result") || payload.has("error") || payload.has("code")) {
            return readBuffered(payload, null, null, receiveTimeMs);
        }
        if (payload.has("lastUpdateId")) {
            throw in.malformed("a spot partial-depth payload names no symbol: parse it with its stream name");
        }
        if (payload.has("u") && payload.has("s") && payload.has("B")) {
            return readBuffered(payload, StreamKind.BOOK_TICKER, null, receiveTimeMs);
        }
        throw in.malformed("unrecognised message: no stream, event type or known keys");
    }

    /** Reads an already parsed payload as {@code kind}, or as a method response if {@code kind} is null. */
    private Object readBuffered(JsonNode payload, StreamKind kind, String symbol, long receiveTimeMs)
            throws IOException, MalformedMessageException {
        try (JsonParser tree = payload.traverse()) {
            tree.nextToken();
            in.use(tree);
            if (kind == null) {
                return MethodResponse.read(in);
            }
            in.expectObject();
            return readPayload(kind, symbol, receiveTimeMs);
        }
    }

    /** The payload the reader is on, as {@code kind}; {@code symbol} is the stream's, or null if unknown. */
    private Object readPayload(StreamKind kind, String symbol, long receiveTimeMs)
            throws IOException, MalformedMessageException {
        return switch (kind) {
            case AGG_TRADE -> {
                aggregated = true;
                AggTradeData trade = AggTradeData.readEvent(in, symbol);
                yield trade.toTrade(trade.s(), receiveTimeMs);
            }
            case TRADE -> TradeData.read(in, symbol).toTrade(receiveTimeMs);
            case DIFF_DEPTH -> DepthUpdateData.read(in, symbol, market).toDepthUpdate(receiveTimeMs);
            case PARTIAL_DEPTH -> market == MarketType.SPOT
                    ? PartialDepthData.read(in).toBookTop(symbol, bookLevels, receiveTimeMs)
                    : DepthUpdateData.read(in, symbol, market).toBookTop(bookLevels, receiveTimeMs);
            case BOOK_TICKER -> BookTickerData.read(in, symbol, market).toBookTicker(receiveTimeMs);
        };
    }

    private static void deliver(Object event, boolean aggregated, BinanceMessageHandler handler) {
        if (event instanceof Trade trade) {
            handler.onTrade(trade, aggregated);
        } else if (event instanceof DepthUpdate update) {
            handler.onDepthUpdate(update);
        } else if (event instanceof BookTop book) {
            handler.onPartialDepth(book);
        } else if (event instanceof BookTicker ticker) {
            handler.onBookTicker(ticker);
        } else {
            MethodResponse response = (MethodResponse) event;
            handler.onMethodResult(response.id(), response.error() == null ? null : response.error().toString());
        }
    }

    /** Binance answers a bad REST request with {@code {"code":..,"msg":..}} (code first) instead of the data. */
    private void rejectErrorBody(JsonParser parser) throws IOException, MalformedMessageException {
        if (parser.nextToken() != JsonToken.FIELD_NAME) {
            throw in.malformed("empty object");
        }
        if (parser.currentName().equals("code")) {
            throw in.malformed(ErrorBody.read(in).toString());
        }
    }

    private void expectEnd(JsonParser json) throws IOException, MalformedMessageException {
        JsonToken trailing = json.nextToken();
        if (trailing != null) {
            throw in.malformed("trailing content after the message: " + WireReader.describe(trailing));
        }
    }

    /** Jackson's complaint about the text, as a malformed message. */
    private MalformedMessageException readFailure(IOException e) {
        if (e instanceof JsonProcessingException invalid) {
            // A limit (nesting depth, number length) fails without a location.
            JsonLocation at = invalid.getLocation();
            return in.malformed("invalid JSON" + (at == null ? "" : " at char " + at.getCharOffset()) + ": "
                    + invalid.getOriginalMessage());
        }
        throw new UncheckedIOException("reading from a String cannot fail", e);
    }

    private static String restSymbol(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            throw new IllegalArgumentException("a REST response needs the symbol it was asked for");
        }
        return symbol.toUpperCase(Locale.ROOT);
    }
}
