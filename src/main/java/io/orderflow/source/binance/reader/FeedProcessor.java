package io.orderflow.source.binance.reader;

import io.orderflow.exchange.binance.BinanceMessageHandler;
import io.orderflow.exchange.binance.BinanceParser;
import io.orderflow.exchange.binance.MalformedMessageException;
import io.orderflow.exchange.binance.MarketType;
import io.orderflow.exchange.binance.UnsupportedStreamException;
import io.orderflow.exchange.binance.wire.StreamKind;
import io.orderflow.exchange.binance.wire.StreamName;
import io.orderflow.model.BookTicker;
import io.orderflow.model.BookTop;
import io.orderflow.model.DepthSnapshot;
import io.orderflow.model.DepthUpdate;
import io.orderflow.model.MarketEvent;
import io.orderflow.model.RawFrame;
import io.orderflow.model.Trade;
import io.orderflow.replay.CaptureFormat;
import io.orderflow.source.binance.BinanceSourceConfig;
import io.orderflow.source.binance.split.BinanceSplit;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one connection's messages into the split's events: parse, then per symbol the trade
 * sequencer (dedup, back-fill) and the order book (sync, resync, cross-check), then the hand-off.
 * Its state outlives reconnects: the next connection of the split continues the same books and
 * trade sequences. Called by one thread at a time (under the connection's lock), which may wait:
 * for room in the hand-off, for a REST answer.
 */
final class FeedProcessor implements BinanceMessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FeedProcessor.class);

    /** Where SUBSCRIBE answers go. */
    interface MethodResults {
        void onMethodResult(long id, String error);
    }

    private final BinanceSplit split;
    private final MarketType market;
    private final int bookLevels;
    private final boolean capture;
    private final BinanceRestClient rest;
    private final SplitOutput out;
    private final BinanceSourceMetrics metrics;
    private final MethodResults methodResults;
    private final Map<String, TradeSequencer> trades = new HashMap<>();
    private final Map<String, SymbolBook> books = new HashMap<>();
    private final ThrottledLog parseErrorLog = new ThrottledLog(LOG);
    private final ThrottledLog dropLog = new ThrottledLog(LOG);
    private BinanceParser parser;

    FeedProcessor(BinanceSplit split, BinanceSourceConfig config, BinanceRestClient rest, SplitOutput out,
            BinanceSourceMetrics metrics, MethodResults methodResults) {
        this.split = split;
        this.market = split.route().market();
        this.bookLevels = config.bookLevels();
        this.capture = config.capture();
        this.rest = rest;
        this.out = out;
        this.metrics = metrics;
        this.methodResults = methodResults;
        boolean crossCheck = split.streams().stream()
                .anyMatch(s -> streamName(s).kind() == StreamKind.BOOK_TICKER);
        for (String name : split.streams()) {
            StreamName stream = streamName(name);
            String symbol = stream.symbol();
            switch (stream.kind()) {
                case AGG_TRADE -> trades.put(symbol, sequencer(symbol, config, fromId -> aggTrades(symbol, fromId)));
                case TRADE -> trades.put(symbol, sequencer(symbol, config, null));
                case DIFF_DEPTH -> books.put(symbol, new SymbolBook(symbol, market, bookLevels, this::snapshot, out,
                        metrics, crossCheck ? new TickerCrossCheck(symbol, metrics) : null));
                case PARTIAL_DEPTH, BOOK_TICKER -> { }
            }
        }
    }

    /** A new connection, before its first message: a parser of its own (parsers are per connection). */
    void connectionOpened() {
        parser = new BinanceParser(market, bookLevels);
    }

    /** One whole text message as received. Bad input is counted, logged (throttled) and skipped. */
    void onMessage(String text, long receiveTimeMs) {
        if (capture) {
            // A message of no stream (a method result) is filed under the connection, not a symbol.
            String stream = streamOf(text);
            String captured = stream.isEmpty() ? RawFrame.CONNECTION : stream;
            out.put(MarketEvent.of(new RawFrame(receiveTimeMs, CaptureFormat.symbolOf(captured), captured, text)));
        }
        try {
            parser.parse(text, receiveTimeMs, this);
        } catch (UnsupportedStreamException e) {
            metrics.unsupported.inc(); // a well-formed stream the job does not consume: not an error
        } catch (MalformedMessageException e) {
            onMalformed(e, text);
        } catch (RuntimeException e) {
            // A parser or book bug must not take the job down with it: the message is skipped like bad input.
            metrics.parseErrors.inc();
            parseErrorLog.error("{}: message skipped after an unexpected error: {}", split.splitId(), abbreviate(text), e);
        }
    }

    void onMalformed(MalformedMessageException e, String textOrNull) {
        metrics.parseErrors.inc();
        parseErrorLog.error("{}: malformed message skipped ({}): {}", split.splitId(), e.getMessage(),
                textOrNull == null ? "" : abbreviate(textOrNull));
    }

    @Override
    public void onTrade(Trade trade) {
        TradeSequencer sequencer = trades.get(trade.symbol());
        if (sequencer == null) {
            unexpected(trade.symbol(), "trade");
        } else {
            sequencer.onLive(trade, out);
        }
    }

    @Override
    public void onDepthUpdate(DepthUpdate update) {
        SymbolBook book = books.get(update.symbol());
        if (book == null) {
            unexpected(update.symbol(), "depth diff");
        } else {
            book.onDiff(update);
        }
    }

    @Override
    public void onPartialDepth(BookTop top) {
        if (out.putConflating(MarketEvent.of(top)) == Handoff.Outcome.CONFLATED) {
            metrics.depthFramesDropped.inc();
            dropLog.warn("{}: hand-off full, an older {} partial-depth book dropped for the newest", split.splitId(),
                    top.symbol());
        }
    }

    @Override
    public void onBookTicker(BookTicker ticker) {
        SymbolBook book = books.get(ticker.symbol());
        if (book == null) {
            unexpected(ticker.symbol(), "book ticker");
        } else {
            book.onTicker(ticker);
        }
    }

    @Override
    public void onMethodResult(long id, String error) {
        methodResults.onMethodResult(id, error);
    }

    private TradeSequencer sequencer(String symbol, BinanceSourceConfig config, TradeSequencer.Pages pages) {
        long lastEmitted = split.lastTradeIds().getOrDefault(symbol, TradeSequencer.NONE);
        return new TradeSequencer(symbol, lastEmitted, config.dedupLru(), pages, metrics);
    }

    private DepthSnapshot snapshot(String symbol) throws IOException, MalformedMessageException {
        BinanceRestClient.Answer answer = rest.depthSnapshot(symbol);
        captureRest(symbol, answer);
        return parser.parseSnapshot(symbol, answer.body(), answer.receiveTimeMs());
    }

    private List<Trade> aggTrades(String symbol, long fromId) throws IOException, MalformedMessageException {
        BinanceRestClient.Answer answer = rest.aggTrades(symbol, fromId);
        captureRest(symbol, answer);
        return parser.parseAggTrades(symbol, answer.body(), answer.receiveTimeMs());
    }

    private void captureRest(String symbol, BinanceRestClient.Answer answer) {
        if (capture) {
            out.put(MarketEvent.of(new RawFrame(answer.receiveTimeMs(), symbol, "rest:" + answer.pathAndQuery(),
                    answer.body())));
        }
    }

    private void unexpected(String symbol, String what) {
        metrics.parseErrors.inc();
        parseErrorLog.error("{}: {} for {}, which this connection does not follow, skipped", split.splitId(), what,
                symbol);
    }

    /** One of the split's streams, named by {@link StreamKind#streamName}: never malformed. */
    private static StreamName streamName(String name) {
        try {
            return StreamName.parse(name);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("not a stream this source follows: " + name, e);
        }
    }

    /**
     * The stream a combined-stream message is from, read off its head without parsing it (capture
     * runs before the parser and must keep even what the parser rejects); empty for anything else.
     */
    static String streamOf(String message) {
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
