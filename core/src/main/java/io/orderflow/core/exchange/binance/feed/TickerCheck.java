package io.orderflow.core.exchange.binance.feed;

import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one symbol's rebuilt book against the exchange's own best bid/ask ({@code bookTicker}) at
 * equal update ids: the ticker at id {@code u} must show the same best price and quantity on both
 * sides as the book after the diff ending at {@code u}.
 *
 * <p>The ticker is real-time while diffs come in 100 ms batches, so the ticker for {@code u}
 * normally arrives <em>before</em> the diff that ends at {@code u}: tickers wait in a bounded queue
 * (ids rise on both streams, so one pass over its head matches or discards them). A ticker arriving
 * after its book is checked against the last book at once. Most tickers fall between two diffs'
 * final ids and are never checked. Not thread-safe.
 */
public final class TickerCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TickerCheck.class);

    /** Far more tickers than arrive between two 100 ms diffs of any symbol. */
    public static final int DEFAULT_MAX_PENDING = 1_024;

    private final String symbol;
    private final int maxPending;
    private final FeedMetrics metrics;
    private final SymbolStats stats;
    private final ThrottledLog mismatchLog = new ThrottledLog(LOG);
    private final ArrayDeque<BookTicker> pending = new ArrayDeque<>();
    private BookTop lastBook;
    private String lastMismatch;

    /** Counts into {@code stats} (its ticker checks and mismatches) and {@code metrics}. */
    public TickerCheck(String symbol, FeedMetrics metrics, SymbolStats stats) {
        this(symbol, DEFAULT_MAX_PENDING, metrics, stats);
    }

    public TickerCheck(String symbol, int maxPending, FeedMetrics metrics, SymbolStats stats) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be >= 1, got " + maxPending);
        }
        this.symbol = symbol;
        this.maxPending = maxPending;
        this.metrics = metrics;
        this.stats = stats;
    }

    public void onTicker(BookTicker ticker) {
        if (lastBook != null && ticker.updateId() <= lastBook.updateId()) {
            if (ticker.updateId() == lastBook.updateId()) {
                compare(ticker, lastBook);
            }
            return;
        }
        if (pending.size() == maxPending) {
            pending.pollFirst();
        }
        pending.addLast(ticker);
    }

    /** A book the symbol's order book now shows, stamped with its update id. */
    public void onBook(BookTop book) {
        lastBook = book;
        while (!pending.isEmpty() && pending.peekFirst().updateId() <= book.updateId()) {
            BookTicker ticker = pending.pollFirst();
            if (ticker.updateId() == book.updateId()) {
                compare(ticker, book);
            }
        }
    }

    /** The book is gone (unsynced): tickers wait for the next one. */
    public void onBookLost() {
        lastBook = null;
    }

    /** Tickers compared with a book at the same update id. */
    public long checks() {
        return stats.tickerChecks;
    }

    /** Checks where the best bid or ask, price or quantity, differed. */
    public long mismatches() {
        return stats.tickerMismatches;
    }

    /** The last mismatch, described, or null if none. */
    public String lastMismatch() {
        return lastMismatch;
    }

    private void compare(BookTicker ticker, BookTop book) {
        stats.tickerChecks++;
        boolean same = ticker.bidPrice() == book.bidPrices()[0]
                && ticker.bidQty() == book.bidQtys()[0]
                && ticker.askPrice() == book.askPrices()[0]
                && ticker.askQty() == book.askQtys()[0];
        metrics.tickerCheck(!same);
        if (!same) {
            stats.tickerMismatches++;
            lastMismatch = ticker + " vs " + book;
            mismatchLog.warn("{}: rebuilt book differs from @bookTicker at update id {}: book {}@{} / {}@{},"
                            + " ticker {}@{} / {}@{}", symbol, ticker.updateId(),
                    book.bidQtys()[0], book.bidPrices()[0], book.askQtys()[0], book.askPrices()[0],
                    ticker.bidQty(), ticker.bidPrice(), ticker.askQty(), ticker.askPrice());
        }
    }
}
