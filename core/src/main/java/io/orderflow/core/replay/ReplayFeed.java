package io.orderflow.core.replay;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.feed.BinanceFeed;
import io.orderflow.core.exchange.binance.feed.FeedMetrics;
import io.orderflow.core.exchange.binance.feed.FeedOutput;
import io.orderflow.core.exchange.binance.feed.FeedSettings;
import io.orderflow.core.exchange.binance.feed.SymbolStats;
import io.orderflow.core.exchange.binance.feed.TickerCheck;
import io.orderflow.core.model.MarketEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A recorded Binance feed replayed as {@link MarketEvent}s through the live source's own
 * {@link BinanceFeed}: the same parse, trade sequencing, order books, ticker checks and notices,
 * with the recording's receive times as its clock and its REST answers as its {@link ReplayRestPort}.
 * Deterministic and bounded.
 *
 * <p>Several recordings that continue each other (one file per day, say) are one feed: read one
 * after the other, each symbol's book and trade sequence carry across the file boundary, and a real
 * break resyncs as it would live. When the last message is in, the feed reports every symbol whose
 * depth never gave a book ({@code book_unsynced}) and each symbol's figures ({@code feed_summary}).
 *
 * <p>Iterator-like, for a FLIP-27 reader: the same recordings replayed again give equal events, so
 * a reader resumes from a checkpoint by opening them anew and {@link #skip skipping} the events it
 * had emitted. Not thread-safe.
 */
public final class ReplayFeed implements AutoCloseable {

    private final RecordedMessages messages;
    private final ReplayRestPort rest;
    private final BinanceFeed feed;
    private final ArrayDeque<MarketEvent> pending = new ArrayDeque<>();
    private long unusedRest;
    private boolean ended;
    private long emitted;

    /** One recording of {@code market}, books of {@code bookLevels} levels. */
    public ReplayFeed(Recording recording, MarketType market, int bookLevels) {
        this(List.of(recording), FeedSettings.replay(market, bookLevels));
    }

    /** Recordings that continue each other, in order, as one feed. */
    public ReplayFeed(List<Recording> recordings, FeedSettings settings) {
        this.messages = new RecordedMessages(recordings);
        this.rest = new ReplayRestPort(messages);
        this.feed = new BinanceFeed(settings, rest, new QueueOutput(), FeedMetrics.NONE, Map.of(),
                BinanceFeed.MethodResults.IGNORED);
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

    /** What the feed met so far, per symbol. */
    public Map<String, SymbolStats> symbolStats() {
        return feed.stats();
    }

    /** What the replay has seen so far, all symbols together. */
    public ReplayStats stats() {
        long trades = 0;
        long books = 0;
        long snapshots = 0;
        long unbridged = 0;
        long gaps = 0;
        long checks = 0;
        long mismatches = 0;
        for (SymbolStats symbol : feed.stats().values()) {
            trades += symbol.trades();
            books += symbol.books();
            snapshots += symbol.snapshots();
            unbridged += symbol.unbridgedSnapshots();
            gaps += symbol.gaps();
            checks += symbol.tickerChecks();
            mismatches += symbol.tickerMismatches();
        }
        return new ReplayStats(messages.read(), feed.malformed(), feed.unsupported() + unusedRest, trades, books,
                snapshots, unbridged, gaps, checks, mismatches);
    }

    /** For diagnostics: a {@code bookTicker} that disagreed with its rebuilt book, described; null if none. */
    public String lastTickerMismatch() {
        return feed.stats().keySet().stream()
                .map(feed::tickerCheck)
                .filter(check -> check != null && check.lastMismatch() != null)
                .map(TickerCheck::lastMismatch)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void close() throws IOException {
        ended = true;
        messages.close();
    }

    private void readMessage() {
        RecordedMessage message;
        try {
            message = messages.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (message == null) {
            feed.finish();
            ended = true;
            return;
        }
        switch (message.kind()) {
            case WEBSOCKET -> feed.onMessage(message.text(), message.stream(), message.receiveTimeMs());
            case DEPTH_SNAPSHOT -> rest.passed(message);
            case AGG_TRADES, OTHER_REST -> unusedRest++; // asked-for pages were taken by the port already
        }
    }

    /** Replay's output: a queue the iterator drains, always with room. */
    private final class QueueOutput implements FeedOutput {

        @Override
        public boolean put(MarketEvent event) {
            pending.addLast(event);
            return true;
        }

        @Override
        public boolean offer(MarketEvent event) {
            return put(event);
        }

        @Override
        public boolean putConflating(MarketEvent book) {
            put(book);
            return false;
        }

        @Override
        public boolean hasHeadroom() {
            return true;
        }
    }
}
