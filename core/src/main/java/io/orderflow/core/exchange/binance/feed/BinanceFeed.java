package io.orderflow.core.exchange.binance.feed;

import io.orderflow.core.exchange.binance.BinanceMessageHandler;
import io.orderflow.core.exchange.binance.BinanceParser;
import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.UnsupportedStreamException;
import io.orderflow.core.exchange.binance.wire.StreamName;
import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.model.Trade;
import io.orderflow.core.replay.CaptureFormat;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Binance feed, for the live source and for replay alike: it turns the messages of a
 * connection (or of a recording) into market events. Each message is parsed once
 * ({@link BinanceParser}), then handled per symbol:
 *
 * <ul>
 *   <li>trades: duplicates dropped, id gaps back-filled over REST and merged in order
 *       ({@link TradeSequencer}); while a back-fill is deferred for the REST budget, its symbol's
 *       trades are held and the other symbols go on;
 *   <li>diff depth: an order book synced from REST snapshots and resynced on a sequence gap, its
 *       top K emitted after every diff ({@link SymbolBook}); checked against {@code @bookTicker}
 *       ({@link TickerCheck}); reported ({@code book_unsynced}) when it does not sync in time;
 *   <li>partial depth: emitted as it comes.
 * </ul>
 *
 * <p>REST answers come through a {@link RestPort}: fetched when live, read from the recording in
 * replay. With {@code capture} every message and REST answer is also emitted as a raw frame, so a
 * capture replays to the same events. The feed's clock is the receive time of its messages, so a
 * replay takes the same decisions the live run took.
 *
 * <p>Bad input is counted, logged (throttled) and skipped: a malformed message, a well-formed one of
 * a stream the job does not consume (unsupported), an unexpected failure while handling one. Not
 * thread-safe: one thread at a time (a live connection's processing, under its lock; a replay's
 * reader). It may wait in its output and its REST port.
 */
public final class BinanceFeed implements BinanceMessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);

    /** How often, in receive time, books are checked for the sync timeout and deferred back-fills retried. */
    private static final long SYNC_CHECK_INTERVAL_MS = 1_000;

    /** Where method results (SUBSCRIBE answers) go. */
    public interface MethodResults {
        void onMethodResult(long id, String error);

        MethodResults IGNORED = (id, error) -> { };
    }

    private final FeedSettings settings;
    private final RestPort rest;
    private final FeedOutput out;
    private final FeedMetrics metrics;
    private final MethodResults methodResults;
    private final Map<String, Long> restoredTradeIds;
    private final BinanceParser parser;
    private final Map<String, TradeSequencer> trades = new HashMap<>();
    private final Map<String, SymbolBook> books = new HashMap<>();
    private final Map<String, SymbolStats> stats = new HashMap<>();
    private final ThrottledLog parseErrorLog = new ThrottledLog(LOG);
    private final ThrottledLog dropLog = new ThrottledLog(LOG);
    private long unsupported;
    private long malformed;
    private long nowMs;
    private long nextSyncCheckMs = Long.MIN_VALUE;

    /**
     * @param lastTradeIds the last trade id emitted per symbol before a restore (none for a fresh feed)
     */
    public BinanceFeed(FeedSettings settings, RestPort rest, FeedOutput out, FeedMetrics metrics,
            Map<String, Long> lastTradeIds, MethodResults methodResults) {
        this.settings = settings;
        this.rest = rest;
        this.out = out;
        this.metrics = metrics;
        this.methodResults = methodResults;
        this.restoredTradeIds = Map.copyOf(lastTradeIds);
        this.parser = new BinanceParser(settings.market(), settings.bookLevels());
    }

    /**
     * One whole text message as received at {@code receiveTimeMs}. {@code stream} names its stream
     * where the message itself may not (a raw {@code /ws/<stream>} payload, a recording that stores
     * it apart), else null.
     */
    public void onMessage(String text, String stream, long receiveTimeMs) {
        nowMs = receiveTimeMs;
        if (settings.capture()) {
            // Captured before parsing: a capture keeps what the parser rejects too.
            String named = stream != null ? stream : streamOf(text);
            String captured = named.isEmpty() ? RawFrame.CONNECTION : named;
            out.put(MarketEvent.of(new RawFrame(receiveTimeMs, CaptureFormat.symbolOf(captured), captured, text)));
        }
        try {
            parser.parse(text, stream, receiveTimeMs, this);
        } catch (UnsupportedStreamException e) {
            unsupported++;
            metrics.unsupported();
            SymbolStats symbol = statsOfStream(stream, text);
            if (symbol != null) {
                symbol.messages++;
                symbol.unsupported++;
            }
        } catch (MalformedMessageException e) {
            onMalformed(e, stream, text);
        } catch (RuntimeException e) {
            // A parser or book bug must not take the job down with it: the message is skipped like bad input.
            malformed++;
            metrics.parseError();
            parseErrorLog.error("message skipped after an unexpected error: {}", abbreviate(text), e);
        }
        if (receiveTimeMs >= nextSyncCheckMs) {
            nextSyncCheckMs = receiveTimeMs + SYNC_CHECK_INTERVAL_MS;
            for (SymbolBook book : books.values()) {
                book.checkSyncTimeout(receiveTimeMs);
            }
            for (TradeSequencer sequencer : trades.values()) {
                sequencer.retry(receiveTimeMs, out); // a quiet symbol's held trades would wait for its next trade
            }
        }
    }

    /** A message that could not even be assembled (live: a frame sequence gone wrong). */
    public void onMalformed(MalformedMessageException e, String stream, String textOrNull) {
        malformed++;
        metrics.parseError();
        SymbolStats symbol = textOrNull == null ? null : statsOfStream(stream, textOrNull);
        if (symbol != null) {
            symbol.messages++;
            symbol.malformed++;
            if (isDepthStream(stream != null ? stream : streamOf(textOrNull))) {
                symbol.malformedDepth++;
            }
        }
        parseErrorLog.error("malformed message skipped ({}): {}", e.getMessage(),
                textOrNull == null ? "" : abbreviate(textOrNull));
    }

    /**
     * The feed has ended (a replay's last message is in): trades held behind a deferred back-fill go
     * out (what they waited for counted as a gap), every symbol whose depth never gave a book is
     * reported ({@code book_unsynced}), and each symbol's figures go out as a {@code feed_summary}.
     */
    public void finish() {
        for (Map.Entry<String, SymbolStats> entry : new TreeMap<>(stats).entrySet()) {
            String symbol = entry.getKey();
            SymbolStats figures = entry.getValue();
            TradeSequencer sequencer = trades.get(symbol);
            if (sequencer != null) {
                sequencer.finish(out);
            }
            SymbolBook book = books.get(symbol);
            if (book != null) {
                book.finish();
            } else if (figures.malformedDepth > 0) {
                metrics.bookUnsynced();
                LOG.warn("{}: no synced book: its {} depth message(s) were all malformed", symbol, figures.malformedDepth);
                out.put(MarketEvent.of(MarketNotice.bookUnsynced(symbol, nowMs, "depth_unusable",
                        "\"malformed_depth\":" + figures.malformedDepth + ",\"books\":0")));
            }
            LOG.info("{}: {}", symbol, figures.toJsonMembers());
            out.put(MarketEvent.of(MarketNotice.feedSummary(symbol, nowMs, figures.toJsonMembers())));
        }
    }

    /** What the feed met, per symbol, in symbol order. */
    public Map<String, SymbolStats> stats() {
        return Collections.unmodifiableMap(new TreeMap<>(stats));
    }

    /** Well-formed messages of streams the job does not consume. */
    public long unsupported() {
        return unsupported;
    }

    /** Messages the parser rejected, or that failed unexpectedly. */
    public long malformed() {
        return malformed;
    }

    @Override
    public void onTrade(Trade trade, boolean aggregated) {
        String symbol = trade.symbol();
        stats(symbol).messages++;
        TradeSequencer sequencer = trades.get(symbol); // not computeIfAbsent: its capturing lambda is built per message
        if (sequencer == null) {
            sequencer = new TradeSequencer(symbol, restoredTradeIds.getOrDefault(symbol, TradeSequencer.NONE),
                    settings.dedupCapacity(), aggregated ? fromId -> aggTrades(symbol, fromId) : null, metrics,
                    stats(symbol));
            trades.put(symbol, sequencer);
        }
        sequencer.onLive(trade, out);
    }

    @Override
    public void onDepthUpdate(DepthUpdate update) {
        SymbolStats figures = stats(update.symbol());
        figures.messages++;
        figures.depthMessages++;
        SymbolBook book = books.get(update.symbol());
        if (book == null) {
            book = new SymbolBook(update.symbol(), settings, this::snapshot, out, metrics, figures);
            books.put(update.symbol(), book);
        }
        book.onDiff(update);
    }

    @Override
    public void onPartialDepth(BookTop top) {
        SymbolStats figures = stats(top.symbol());
        figures.messages++;
        figures.depthMessages++;
        figures.books++;
        if (out.putConflating(MarketEvent.of(top))) {
            metrics.depthFrameDropped();
            dropLog.warn("output full, an older {} partial-depth book dropped for the newest", top.symbol());
        }
    }

    @Override
    public void onBookTicker(BookTicker ticker) {
        stats(ticker.symbol()).messages++;
        SymbolBook book = books.get(ticker.symbol());
        if (book != null) {
            book.onTicker(ticker);
        }
    }

    @Override
    public void onMethodResult(long id, String error) {
        methodResults.onMethodResult(id, error);
    }

    /** The ticker checks of a symbol's book, or null if it has none. */
    public TickerCheck tickerCheck(String symbol) {
        SymbolBook book = books.get(symbol);
        return book == null ? null : book.check();
    }

    private DepthSnapshot snapshot(String symbol, long askedAtMs) throws IOException, MalformedMessageException {
        RestAnswer answer = rest.depthSnapshot(symbol, askedAtMs);
        received(symbol, answer);
        return parser.parseSnapshot(symbol, answer.body(), answer.receiveTimeMs());
    }

    private List<Trade> aggTrades(String symbol, long fromId) throws IOException, MalformedMessageException {
        RestAnswer answer = rest.aggTrades(symbol, fromId, nowMs);
        received(symbol, answer);
        return parser.parseAggTrades(symbol, answer.body(), answer.receiveTimeMs());
    }

    private void received(String symbol, RestAnswer answer) {
        stats(symbol).messages++;
        if (settings.capture()) {
            out.put(MarketEvent.of(new RawFrame(answer.receiveTimeMs(), symbol,
                    CaptureFormat.REST_PREFIX + answer.pathAndQuery(), answer.body())));
        }
    }

    private SymbolStats stats(String symbol) {
        SymbolStats figures = stats.get(symbol);
        if (figures == null) {
            figures = new SymbolStats();
            stats.put(symbol, figures);
        }
        return figures;
    }

    /** The figures of the symbol a rejected message's stream names, or null if it names none. */
    private SymbolStats statsOfStream(String stream, String text) {
        String symbol = CaptureFormat.symbolOf(stream != null ? stream : streamOf(text));
        return symbol.equals(RawFrame.CONNECTION) ? null : stats(symbol);
    }

    /** A stream of depth by Binance's grammar; a name it rejects is no depth stream the job could use. */
    private static boolean isDepthStream(String stream) {
        try {
            return StreamName.parse(stream).kind().isDepth();
        } catch (MalformedMessageException e) {
            return false;
        }
    }

    /**
     * The stream a combined-stream message is from, read off its head without parsing it (capture
     * runs before the parser and must keep even what the parser rejects); empty for anything else.
     */
    public static String streamOf(String message) {
        String key = "\"stream\":\"";
        int start = message.indexOf(key);
        if (start < 0) {
            return "";
        }
        start += key.length();
        int end = message.indexOf('"', start);
        return end < 0 ? "" : message.substring(start, end);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
