package io.orderflow.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.BookTicker;
import io.orderflow.model.BookTop;
import org.junit.jupiter.api.Test;

class TickerCrossCheckTest {

    private final BinanceSourceMetrics metrics = BinanceSourceMetrics.unregistered();
    private final TickerCrossCheck check = new TickerCrossCheck("BTCUSDT", metrics);

    @Test
    void aTickerWaitsForTheBookToReachItsIdAndThenMatches() {
        check.await(ticker(105, 99.0, 2.0, 101.0, 3.0));
        check.onTop(top(100, 99.0, 1.0, 101.0, 1.0));
        assertThat(metrics.count(BinanceSourceMetrics.BOOKTICKER_CHECKS)).isZero();

        check.onTop(top(105, 99.0, 2.0, 101.0, 3.0));

        assertThat(metrics.count(BinanceSourceMetrics.BOOKTICKER_CHECKS)).isEqualTo(1);
        assertThat(metrics.count(BinanceSourceMetrics.BOOKTICKER_MISMATCHES)).isZero();
    }

    @Test
    void aDifferentTopAtTheSameIdIsAMismatch() {
        check.await(ticker(105, 99.0, 2.0, 101.0, 3.0));

        check.onTop(top(105, 99.0, 2.0, 101.5, 3.0));

        assertThat(metrics.count(BinanceSourceMetrics.BOOKTICKER_MISMATCHES)).isEqualTo(1);
    }

    @Test
    void aTickerTheBookStepsOverIsNotCompared() {
        check.await(ticker(103, 1, 1, 2, 1));
        check.await(ticker(107, 99.0, 2.0, 101.0, 3.0));

        check.onTop(top(105, 50, 1, 60, 1));
        check.onTop(top(107, 99.0, 2.0, 101.0, 3.0));

        assertThat(metrics.count(BinanceSourceMetrics.BOOKTICKER_CHECKS)).isEqualTo(1);
        assertThat(metrics.count(BinanceSourceMetrics.BOOKTICKER_MISMATCHES)).isZero();
    }

    private static BookTicker ticker(long u, double bid, double bidQty, double ask, double askQty) {
        return new BookTicker("BTCUSDT", u, 0, 0, bid, bidQty, ask, askQty);
    }

    private static BookTop top(long u, double bid, double bidQty, double ask, double askQty) {
        return new BookTop("BTCUSDT", 1, 1, 1, u, new double[] {bid, 0}, new double[] {bidQty, 0},
                new double[] {ask, 0}, new double[] {askQty, 0});
    }
}
