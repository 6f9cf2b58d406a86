package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.market.MarketSimulator;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.Trade;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange for one symbol: a {@link MarketSimulator} driven up to the market clock, its book
 * with Binance's update ids, diff windows, and the trade history behind REST.
 *
 * <p>Only the market thread advances it; REST threads read it, so state changes and reads hold the
 * instance's lock. A REST snapshot is therefore the book at one update id, and the diff holding
 * that id is either published already or still pending: Binance's sync procedure joins the two.
 */
final class SymbolMarket {

    private static final Logger LOG = LoggerFactory.getLogger(SymbolMarket.class);

    private final String symbol;
    private final MarketType market;
    private final MarketSimulator simulator;
    private final long windowMs;
    private final BinanceWire wire;
    private final TradeHistory trades;
    private final ExchangeBook book;
    private final AtomicBoolean skipNextDiff = new AtomicBoolean();
    private final Topic aggTradeTopic;
    private final Topic tradeTopic;
    private final Topic bookTickerTopic;
    private final Topic diffTopic;
    private final List<Topic> partialTopics;

    /** The simulator's next event, taken but not due yet. */
    private MarketEvent pending;

    /** The {@code u} of the last diff, published or skipped: the next diff's {@code pu}. */
    private long lastDiffId;

    private long windowEndMs;

    /**
     * Opens the market at the simulator's first book; trades printed before it are in the history
     * but were never streamed, as no client can connect before the exchange starts.
     */
    SymbolMarket(MarketType market, MarketSimulator simulator, long windowMs, int tradeHistory) {
        this.symbol = simulator.symbol();
        this.market = market;
        this.simulator = simulator;
        this.windowMs = windowMs;
        this.wire = new BinanceWire(market, symbol);
        this.trades = new TradeHistory(symbol, tradeHistory);
        this.aggTradeTopic = Topic.of(symbol, StreamKind.AGG_TRADE);
        this.tradeTopic = Topic.of(symbol, StreamKind.TRADE);
        this.bookTickerTopic = Topic.of(symbol, StreamKind.BOOK_TICKER);
        this.diffTopic = Topic.of(symbol, StreamKind.DIFF_DEPTH);
        this.partialTopics = StreamKind.PARTIAL_LEVELS.stream()
                .map(levels -> new Topic(symbol, StreamKind.PARTIAL_DEPTH, levels)).toList();
        MarketEvent event = simulator.next();
        while (event.isTrade()) {
            trades.add(event.trade());
            event = simulator.next();
        }
        BookTop opening = event.book();
        this.book = new ExchangeBook(opening);
        this.lastDiffId = opening.updateId();
        this.windowEndMs = windowEnd(opening.eventTimeMs());
        this.pending = simulator.next();
    }

    /** Plays every event up to {@code simTimeMs} and closes the diff windows that ended. */
    synchronized void advanceTo(long simTimeMs, Broadcast out) {
        while (pending.eventTimeMs() <= simTimeMs) {
            closeWindowBefore(pending.eventTimeMs(), out);
            if (pending.isTrade()) {
                trade(pending.trade(), out);
            } else {
                book(pending.book(), out);
            }
            pending = simulator.next();
        }
        // Times are whole ms: at simTimeMs every event before simTimeMs + 1 has been played.
        closeWindowBefore(simTimeMs + 1, out);
    }

    /** Withholds the next diff: the sequence gap a client must notice and resync from. */
    void skipNextDiff() {
        skipNextDiff.set(true);
    }

    /** REST depth at this moment; {@code nowMs} stamps the futures {@code E}. */
    synchronized String snapshot(int limit, long nowMs) {
        return wire.snapshot(book.lastUpdateId(), nowMs, book.lastChangeMs(), book.top(limit));
    }

    /** REST aggTrades from {@code fromId} (inclusive), or the latest when it is null. */
    synchronized String aggTrades(Long fromId, int limit) {
        return wire.aggTradesPage(fromId == null ? trades.latest(limit) : trades.from(fromId, limit));
    }

    /** Every aggregate trade id produced so far, ascending (ids are contiguous). */
    synchronized List<Long> publishedTradeIds() {
        return trades.lastId() < 0
                ? List.of()
                : LongStream.rangeClosed(trades.firstEverId(), trades.lastId()).boxed().toList();
    }

    synchronized long lastTradeId() {
        return trades.lastId();
    }

    private void trade(Trade trade, Broadcast out) {
        trades.add(trade);
        publish(out, aggTradeTopic, () -> wire.aggTrade(trade));
        publish(out, tradeTopic, () -> wire.trade(trade));
    }

    /**
     * Spot ids count changes one by one, so a window's {@code U} is the previous {@code u} + 1;
     * futures take the simulator's ids, which jump, so clients can only rely on {@code pu}.
     */
    private void book(BookTop top, Broadcast out) {
        Level bid = book.bestBid();
        Level ask = book.bestAsk();
        long updateId = market == MarketType.SPOT ? book.lastUpdateId() + 1 : top.updateId();
        if (book.apply(top, updateId) && !(bid.equals(book.bestBid()) && ask.equals(book.bestAsk()))) {
            publish(out, bookTickerTopic, () -> wire.bookTicker(updateId, top.eventTimeMs(), top.transactTimeMs(),
                    book.bestBid(), book.bestAsk()));
        }
    }

    /** Publishes the current window once {@code timeMs} is at or past its end. */
    private void closeWindowBefore(long timeMs, Broadcast out) {
        if (timeMs < windowEndMs) {
            return;
        }
        long eventTimeMs = windowEndMs;
        windowEndMs = windowEnd(timeMs);
        BookDiff diff = book.drainDiff();
        if (diff == null) {
            return;
        }
        long previousId = lastDiffId;
        lastDiffId = diff.lastUpdateId();
        if (skipNextDiff.getAndSet(false)) {
            LOG.info("{}: withholding diff U={} u={} (injected gap)", symbol, diff.firstUpdateId(),
                    diff.lastUpdateId());
        } else {
            publish(out, diffTopic, () -> wire.depthUpdate(eventTimeMs, diff, previousId));
        }
        for (Topic partial : partialTopics) {
            publish(out, partial, () -> wire.partialDepth(eventTimeMs, diff, previousId, book.top(partial.levels())));
        }
    }

    /** Writes the message only if some client takes it: most topics of a large market have none. */
    private static void publish(Broadcast out, Topic topic, Supplier<String> message) {
        if (out.wants(topic)) {
            out.publish(topic, message.get());
        }
    }

    private long windowEnd(long timeMs) {
        return (Math.floorDiv(timeMs, windowMs) + 1) * windowMs;
    }
}
