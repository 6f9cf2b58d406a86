package io.orderflow.source.binance.reader;

import io.orderflow.model.BookTicker;
import io.orderflow.model.BookTop;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the exchange's {@code @bookTicker} with the book rebuilt from diffs wherever both are at
 * the same update id: the best bid and ask, price and quantity, must be equal. Tickers arrive in
 * update-id order on the book's own connection, usually ahead of the diff (sent every 100 ms) that
 * covers them, so they wait here until the book reaches or passes their id.
 */
final class TickerCrossCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TickerCrossCheck.class);

    /** More than 100 ms of tickers of a busy symbol: older ones could not match any more. */
    static final int MAX_WAITING = 256;

    private final String symbol;
    private final BinanceSourceMetrics metrics;
    private final ThrottledLog mismatchLog = new ThrottledLog(LOG);
    private final ArrayDeque<BookTicker> waiting = new ArrayDeque<>();

    TickerCrossCheck(String symbol, BinanceSourceMetrics metrics) {
        this.symbol = symbol;
        this.metrics = metrics;
    }

    /** A ticker newer than the book: it waits for the book to catch up. */
    void await(BookTicker ticker) {
        if (waiting.size() == MAX_WAITING) {
            waiting.poll();
        }
        waiting.add(ticker);
    }

    /** The book moved to {@code top}: waiting tickers it passed are dropped, one at its id is compared. */
    void onTop(BookTop top) {
        while (!waiting.isEmpty() && waiting.peek().updateId() <= top.updateId()) {
            BookTicker ticker = waiting.poll();
            if (ticker.updateId() == top.updateId()) {
                compare(ticker, top);
            }
        }
    }

    void compare(BookTicker ticker, BookTop top) {
        metrics.bookTickerChecks.inc();
        if (ticker.bidPrice() != top.bidPrices()[0] || ticker.bidQty() != top.bidQtys()[0]
                || ticker.askPrice() != top.askPrices()[0] || ticker.askQty() != top.askQtys()[0]) {
            metrics.bookTickerMismatches.inc();
            mismatchLog.warn("{}: rebuilt book differs from @bookTicker at update id {}: book {}@{} / {}@{},"
                            + " ticker {}@{} / {}@{}", symbol, ticker.updateId(),
                    top.bidQtys()[0], top.bidPrices()[0], top.askQtys()[0], top.askPrices()[0],
                    ticker.bidQty(), ticker.bidPrice(), ticker.askQty(), ticker.askPrice());
        }
    }
}
