package io.orderflow.replay;

import io.orderflow.book.TickerCheck;
import io.orderflow.exchange.binance.BinanceMessageHandler;
import io.orderflow.exchange.binance.BinanceOrderBook;
import io.orderflow.exchange.binance.BinanceOrderBook.Outcome;
import io.orderflow.exchange.binance.BinanceParser;
import io.orderflow.exchange.binance.MalformedMessageException;
import io.orderflow.exchange.binance.MarketType;
import io.orderflow.exchange.binance.UnsupportedStreamException;
import io.orderflow.model.BookTicker;
import io.orderflow.model.BookTop;
import io.orderflow.model.DepthSnapshot;
import io.orderflow.model.DepthUpdate;
import io.orderflow.model.MarketEvent;
import io.orderflow.model.MarketNotice;
import io.orderflow.model.Trade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recorded Binance feed replayed as {@link MarketEvent}s, through the same {@link BinanceParser}
 * and {@link BinanceOrderBook} as the live source: deterministic and bounded.
 *
 * <p>Events come in file order: a {@link Trade} per trade message; a {@link BookTop} after every
 * diff applied to a synced book (and one after a snapshot that applied buffered diffs), stamped with
 * the diff's exchange times {@code E}/{@code T} and the recorded receive time; a partial-depth book
 * as parsed; and a {@link MarketNotice#BOOK_RESYNC} notice when a synced book hits a sequence gap.
 * A recording holds the snapshots the recorder fetched and no others, so after a gap a symbol has
 * books again only if a later snapshot was recorded. {@code bookTicker} messages produce no event:
 * each symbol's book is checked against them ({@link TickerCheck}).
 *
 * <p>Iterator-like, for a FLIP-27 reader: the same recording replayed again gives equal events, so
 * a reader resumes from a checkpoint by opening the recording anew and {@link #skip skipping} the
 * events it had emitted. Not thread-safe.
 */
public final class ReplayFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayFeed.class);

    /** Malformed messages logged in full; after that every thousandth, with the running count. */
    private static final int MALFORMED_LOGGED = 10;

    private final MarketType market;
    private final int bookLevels;
    private final MessageReader reader;
    private final BinanceParser parser;
    private final Dispatch dispatch = new Dispatch();
    private final Map<String, SymbolBook> books = new HashMap<>();
    private final ArrayDeque<MarketEvent> pending = new ArrayDeque<>();
    private final Counts counts = new Counts();
    private boolean ended;
    private long emitted;

    /**
     * @param market the market the recording is from (its book rules differ)
     * @param bookLevels K, the levels of every emitted {@link BookTop}
     */
    public ReplayFeed(Recording recording, MarketType market, int bookLevels) throws IOException {
        this.market = market;
        this.bookLevels = bookLevels;
        this.parser = new BinanceParser(market, bookLevels);
        this.reader = recording.open();
    }

    public boolean hasNext() {
        while (pending.isEmpty() && !ended) {
            readMessage();
        }
        return !pending.isEmpty();
    }

    public MarketEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the recording has no more events");
        }
        emitted++;
        return pending.pollFirst();
    }

    /**
     * Advances past up to {@code events} events exactly as if they had been taken with {@link #next}.
     *
     * @return how many were skipped: fewer than asked only at the end of the recording
     */
    public long skip(long events) {
        long skipped = 0;
        while (skipped < events && hasNext()) {
            next();
            skipped++;
        }
        return skipped;
    }

    /** Events handed out so far, skipped ones included. */
    public long emitted() {
        return emitted;
    }

    /** What the replay has seen so far. */
    public ReplayStats stats() {
        long checks = 0;
        long mismatches = 0;
        long droppedDiffs = 0;
        for (SymbolBook symbol : books.values()) {
            checks += symbol.check.checks();
            mismatches += symbol.check.mismatches();
            droppedDiffs += symbol.book.droppedBufferedDiffs();
        }
        return new ReplayStats(counts.messages, counts.malformed, counts.unsupported, counts.trades,
                counts.books, counts.snapshots, counts.unbridgedSnapshots, counts.gaps, droppedDiffs,
                checks, mismatches);
    }

    /** For diagnostics: a {@code bookTicker} that disagreed with its rebuilt book, described; null if none. */
    public String lastTickerMismatch() {
        return books.values().stream()
                .map(symbol -> symbol.check.lastMismatch())
                .filter(mismatch -> mismatch != null)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void close() throws IOException {
        ended = true;
        reader.close();
    }

    private void readMessage() {
        RecordedMessage message;
        try {
            message = reader.next();
            if (message == null) {
                close();
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counts.messages++;
        try {
            switch (message.kind()) {
                case WEBSOCKET -> parser.parse(message.text(), message.stream(), message.receiveTimeMs(), dispatch);
                case DEPTH_SNAPSHOT -> onSnapshot(
                        parser.parseSnapshot(message.symbol(), message.text(), message.receiveTimeMs()));
                case OTHER_REST -> counts.unsupported++;
            }
        } catch (UnsupportedStreamException e) {
            counts.unsupported++;
        } catch (MalformedMessageException e) {
            counts.malformed++;
            if (counts.malformed <= MALFORMED_LOGGED || counts.malformed % 1_000 == 0) {
                LOG.warn("skipping malformed recorded message #{} ({} so far): {}", counts.messages,
                        counts.malformed, e.getMessage());
            }
        }
    }

    private void onSnapshot(DepthSnapshot snapshot) {
        counts.snapshots++;
        BinanceOrderBook book = symbolBook(snapshot.symbol()).book;
        Outcome outcome = book.onSnapshot(snapshot);
        if (outcome == Outcome.GAP) {
            counts.unbridgedSnapshots++;
        } else if (outcome == Outcome.APPLIED && book.lastUpdateId() > snapshot.lastUpdateId()) {
            // Buffered diffs were applied: the book is at a diff's state, with a diff's times.
            emitBook(symbolBook(snapshot.symbol()));
        }
    }

    private void onDiff(DepthUpdate update) {
        SymbolBook symbol = symbolBook(update.symbol());
        long bookUpdateId = symbol.book.lastUpdateId();
        Outcome outcome = symbol.book.onDiff(update);
        if (outcome == Outcome.APPLIED) {
            emitBook(symbol);
        } else if (outcome == Outcome.GAP) {
            counts.gaps++;
            pending.add(MarketEvent.of(gapNotice(bookUpdateId, update)));
        }
    }

    private void emitBook(SymbolBook symbol) {
        BookTop top = symbol.book.top();
        symbol.check.onBook(top);
        counts.books++;
        pending.add(MarketEvent.of(top));
    }

    private SymbolBook symbolBook(String symbol) {
        SymbolBook book = books.get(symbol); // not computeIfAbsent: its capturing lambda is built per message
        if (book == null) {
            book = new SymbolBook(new BinanceOrderBook(symbol, market, bookLevels));
            books.put(symbol, book);
        }
        return book;
    }

    /**
     * The notice of a gap, its figures as the live source reports them: spot expects {@code U} to be the
     * book's id + 1, futures expect {@code pu} to be the book's id.
     */
    private MarketNotice gapNotice(long bookUpdateId, DepthUpdate update) {
        boolean spot = market == MarketType.SPOT;
        return MarketNotice.sequenceGap(update.symbol(), update.eventTimeMs(), spot ? bookUpdateId + 1 : bookUpdateId,
                spot ? update.firstUpdateId() : update.previousFinalUpdateId());
    }

    /** Routes what the parser made of a message. */
    private final class Dispatch implements BinanceMessageHandler {

        @Override
        public void onTrade(Trade trade) {
            counts.trades++;
            pending.add(MarketEvent.of(trade));
        }

        @Override
        public void onDepthUpdate(DepthUpdate update) {
            onDiff(update);
        }

        @Override
        public void onPartialDepth(BookTop book) {
            counts.books++;
            pending.add(MarketEvent.of(book));
        }

        @Override
        public void onBookTicker(BookTicker ticker) {
            symbolBook(ticker.symbol()).check.onTicker(ticker);
        }

        @Override
        public void onMethodResult(long id, String error) {
            // A connection's answer to SUBSCRIBE: nothing to replay.
        }
    }

    private record SymbolBook(BinanceOrderBook book, TickerCheck check) {
        SymbolBook(BinanceOrderBook book) {
            this(book, new TickerCheck());
        }
    }

    private static final class Counts {
        long messages;
        long malformed;
        long unsupported;
        long trades;
        long books;
        long snapshots;
        long unbridgedSnapshots;
        long gaps;
    }
}
