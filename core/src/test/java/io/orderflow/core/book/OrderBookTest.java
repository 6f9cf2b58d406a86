package io.orderflow.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderBookTest {

    private final OrderBook book = new OrderBook();

    @Test
    void topIsBestFirstWhateverTheInsertionOrder() {
        book.setBid(99.0, 1.0);
        book.setBid(101.0, 3.0);
        book.setBid(100.0, 2.0);
        book.setAsk(104.0, 6.0);
        book.setAsk(102.0, 4.0);
        book.setAsk(103.0, 5.0);

        BookTop top = top(3);

        assertThat(top.bidPrices()).containsExactly(101.0, 100.0, 99.0);
        assertThat(top.bidQtys()).containsExactly(3.0, 2.0, 1.0);
        assertThat(top.askPrices()).containsExactly(102.0, 103.0, 104.0);
        assertThat(top.askQtys()).containsExactly(4.0, 5.0, 6.0);
    }

    @Test
    void zeroQuantityRemovesTheLevelAndSetReplacesIt() {
        book.setBid(101.0, 3.0);
        book.setBid(100.0, 2.0);
        book.setAsk(102.0, 4.0);

        book.setBid(101.0, 0.0);
        book.setBid(100.0, 7.5);
        book.setAsk(105.0, 0.0); // removing a level that is not there changes nothing

        BookTop top = top(2);
        assertThat(top.bidPrices()).containsExactly(100.0, 0.0);
        assertThat(top.bidQtys()).containsExactly(7.5, 0.0);
        assertThat(top.askPrices()).containsExactly(102.0, 0.0);
        assertThat(book.bidLevels()).isEqualTo(1);
        assertThat(book.askLevels()).isEqualTo(1);
    }

    @Test
    void thinOrEmptySidesAreZeroPadded() {
        book.setBid(50.0, 1.0);

        BookTop top = top(3);

        assertThat(top.bidPrices()).containsExactly(50.0, 0.0, 0.0);
        assertThat(top.bidQtys()).containsExactly(1.0, 0.0, 0.0);
        assertThat(top.askPrices()).containsExactly(0.0, 0.0, 0.0);
        assertThat(top.askQtys()).containsExactly(0.0, 0.0, 0.0);
        assertThat(top.bestBid()).isEqualTo(50.0);
        assertThat(top.bestAsk()).isNaN();
        assertThat(top.mid()).isNaN();
    }

    @Test
    void topCarriesTheGivenStamp() {
        book.setBid(1.0, 1.0);

        BookTop top = book.top("ETHUSDT", 10L, 9L, 12L, 77L, 1);

        assertThat(top.symbol()).isEqualTo("ETHUSDT");
        assertThat(top.eventTimeMs()).isEqualTo(10L);
        assertThat(top.transactTimeMs()).isEqualTo(9L);
        assertThat(top.receiveTimeMs()).isEqualTo(12L);
        assertThat(top.updateId()).isEqualTo(77L);
    }

    @Test
    void loadReplacesTheBookAndApplySetsEveryLevel() {
        book.setBid(1.0, 1.0);
        book.setAsk(500.0, 1.0);
        book.load(new DepthSnapshot("X", 10, 0, 0,
                new double[] {100.0, 99.0}, new double[] {1.0, 2.0},
                new double[] {101.0, 102.0}, new double[] {3.0, 4.0}));

        book.apply(new DepthUpdate("X", 0, 0, 0, 11, 11, -1,
                new double[] {100.0, 99.5}, new double[] {0.0, 5.0},
                new double[] {100.5}, new double[] {6.0}));

        BookTop top = top(3);
        assertThat(top.bidPrices()).containsExactly(99.5, 99.0, 0.0);
        assertThat(top.bidQtys()).containsExactly(5.0, 2.0, 0.0);
        assertThat(top.askPrices()).containsExactly(100.5, 101.0, 102.0);
        assertThat(top.askQtys()).containsExactly(6.0, 3.0, 4.0);
    }

    @Test
    void clearEmptiesBothSides() {
        book.setBid(1.0, 1.0);
        book.setAsk(2.0, 1.0);

        book.clear();

        assertThat(book.bidLevels()).isZero();
        assertThat(book.askLevels()).isZero();
        assertThat(top(1).bidPrices()).containsExactly(0.0);
    }

    /** Thousands of random sets, past the initial capacity, against a TreeMap model of each side. */
    @Test
    void agreesWithASortedMapModel() {
        TreeMap<Double, Double> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<Double, Double> asks = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            boolean bid = random.nextBoolean();
            double price = bid ? 1_000 + random.nextInt(3_000) : 4_001 + random.nextInt(3_000);
            double qty = random.nextInt(4) == 0 ? 0.0 : random.nextInt(1, 100);
            if (bid) {
                book.setBid(price, qty);
                model(bids, price, qty);
            } else {
                book.setAsk(price, qty);
                model(asks, price, qty);
            }
        }

        BookTop top = top(20);
        assertThat(book.bidLevels()).isEqualTo(bids.size()).isGreaterThan(1_024);
        assertThat(book.askLevels()).isEqualTo(asks.size());
        assertSideEquals(top.bidPrices(), top.bidQtys(), bids);
        assertSideEquals(top.askPrices(), top.askQtys(), asks);
    }

    private static void model(TreeMap<Double, Double> side, double price, double qty) {
        if (qty == 0.0) {
            side.remove(price);
        } else {
            side.put(price, qty);
        }
    }

    private static void assertSideEquals(double[] prices, double[] qtys, TreeMap<Double, Double> model) {
        int level = 0;
        for (Map.Entry<Double, Double> entry : model.entrySet()) {
            if (level == prices.length) {
                break;
            }
            assertThat(prices[level]).isEqualTo(entry.getKey());
            assertThat(qtys[level]).isEqualTo(entry.getValue());
            level++;
        }
    }

    private BookTop top(int k) {
        return book.top("BTCUSDT", 1L, 1L, 2L, 3L, k);
    }
}
