package io.orderflow.core.exchange.binance.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import org.junit.jupiter.api.Test;

class TickerCheckTest {

    private final TickerCheck check = new TickerCheck("BTCUSDT", FeedMetrics.NONE, new SymbolStats());

    private static BookTop book(long updateId, double bid, double bidQty, double ask, double askQty) {
        return new BookTop("BTCUSDT", 0, 0, 0, updateId, new double[] {bid, 0}, new double[] {bidQty, 0},
                new double[] {ask, 0}, new double[] {askQty, 0});
    }

    private static BookTicker ticker(long updateId, double bid, double bidQty, double ask, double askQty) {
        return new BookTicker("BTCUSDT", updateId, 0, 0, bid, bidQty, ask, askQty);
    }

    @Test
    void aTickerArrivingBeforeItsBookIsCheckedWhenTheBookComes() {
        check.onTicker(ticker(10, 100.0, 1.0, 101.0, 2.0));
        assertThat(check.checks()).isZero();

        check.onBook(book(10, 100.0, 1.0, 101.0, 2.0));

        assertThat(check.checks()).isEqualTo(1);
        assertThat(check.mismatches()).isZero();
    }

    @Test
    void aTickerArrivingAfterItsBookIsCheckedAtOnce() {
        check.onBook(book(10, 100.0, 1.0, 101.0, 2.0));

        check.onTicker(ticker(10, 100.0, 1.0, 101.0, 2.5));

        assertThat(check.checks()).isEqualTo(1);
        assertThat(check.mismatches()).isEqualTo(1);
        assertThat(check.lastMismatch()).contains("askQty=2.5");
    }

    @Test
    void anyDifferenceInBestPriceOrQuantityIsAMismatch() {
        check.onTicker(ticker(1, 99.0, 1.0, 101.0, 2.0));
        check.onBook(book(1, 100.0, 1.0, 101.0, 2.0));
        check.onTicker(ticker(2, 100.0, 3.0, 101.0, 2.0));
        check.onBook(book(2, 100.0, 1.0, 101.0, 2.0));
        check.onTicker(ticker(3, 100.0, 1.0, 102.0, 2.0));
        check.onBook(book(3, 100.0, 1.0, 101.0, 2.0));

        assertThat(check.checks()).isEqualTo(3);
        assertThat(check.mismatches()).isEqualTo(3);
    }

    @Test
    void tickersBetweenTwoBooksAreNeverChecked() {
        check.onBook(book(10, 100.0, 1.0, 101.0, 2.0));
        check.onTicker(ticker(11, 0.0, 0.0, 0.0, 0.0));
        check.onTicker(ticker(12, 0.0, 0.0, 0.0, 0.0));
        check.onTicker(ticker(14, 100.0, 1.0, 101.0, 2.0));
        check.onTicker(ticker(9, 0.0, 0.0, 0.0, 0.0));

        check.onBook(book(14, 100.0, 1.0, 101.0, 2.0));
        check.onBook(book(20, 100.0, 1.0, 101.0, 2.0));

        assertThat(check.checks()).isEqualTo(1);
        assertThat(check.mismatches()).isZero();
    }

    @Test
    void pendingTickersAreBoundedOldestDroppedFirst() {
        TickerCheck small = new TickerCheck("BTCUSDT", 2, FeedMetrics.NONE, new SymbolStats());
        small.onTicker(ticker(1, 100.0, 1.0, 101.0, 2.0));
        small.onTicker(ticker(2, 100.0, 1.0, 101.0, 2.0));
        small.onTicker(ticker(3, 100.0, 1.0, 101.0, 2.0));

        small.onBook(book(1, 100.0, 1.0, 101.0, 2.0));
        small.onBook(book(3, 100.0, 1.0, 101.0, 2.0));

        assertThat(small.checks()).isEqualTo(1);
    }
}
