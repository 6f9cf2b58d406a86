package io.orderflow.core.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import io.orderflow.core.testing.LinearFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarketSimulatorTest {

    private static final long START_MS = 1_700_000_000_000L;
    private static final double RATE = 50.0;

    @Test
    void sameSeedGivesTheSameEvents() {
        assertThat(events("BTCUSDT", 7, 20_000)).isEqualTo(events("BTCUSDT", 7, 20_000));
    }

    @Test
    void anotherSeedOrSymbolGivesOtherEvents() {
        List<MarketEvent> btc = events("BTCUSDT", 7, 200);

        assertThat(events("BTCUSDT", 8, 200)).isNotEqualTo(btc);
        assertThat(prices(events("SOLUSDT", 7, 200))).isNotEqualTo(prices(btc));
    }

    @Test
    void skippingLandsOnTheSameEventAsTakingThemAll() {
        List<MarketEvent> all = events("ETHUSDT", 3, 10_001);
        MarketSimulator skipping = simulator("ETHUSDT", 3);

        skipping.skip(10_000);

        assertThat(skipping.next()).isEqualTo(all.get(10_000));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10})
    void booksAreAlwaysValidTopKBooks(int levels) {
        MarketSimulator simulator = new MarketSimulator("BTCUSDT", 11, START_MS, RATE, levels);
        for (int i = 0; i < 50_000; i++) {
            MarketEvent event = simulator.next();
            if (!event.isTrade()) {
                assertValid(event.book(), levels);
            }
        }
    }

    @Test
    void idsAndTimesMoveForward() {
        List<MarketEvent> events = events("ETHUSDT", 5, 50_000);
        long previousTime = Long.MIN_VALUE;
        long previousTradeId = Long.MIN_VALUE;
        long previousUpdateId = Long.MIN_VALUE;
        for (MarketEvent event : events) {
            assertThat(event.eventTimeMs()).isGreaterThanOrEqualTo(Math.max(previousTime, START_MS));
            assertThat(event.receiveTimeMs()).isGreaterThan(event.eventTimeMs());
            previousTime = event.eventTimeMs();
            if (event.isTrade()) {
                Trade trade = event.trade();
                assertThat(trade.tradeId()).isGreaterThan(previousTradeId);
                assertThat(trade.tradeTimeMs()).isBetween(trade.eventTimeMs() - 2, trade.eventTimeMs());
                previousTradeId = trade.tradeId();
            } else {
                BookTop book = event.book();
                assertThat(book.updateId()).isGreaterThan(previousUpdateId);
                assertThat(book.transactTimeMs()).isEqualTo(book.eventTimeMs());
                previousUpdateId = book.updateId();
            }
        }
        assertThat(events).filteredOn(MarketEvent::isTrade).hasSizeGreaterThan(5_000);
    }

    /** A market order sweeps the previous book level by level: fills whole levels, then part of one. */
    @Test
    void tradesTakeTheBestOppositeLevelsOfThePreviousBook() {
        BookTop book = null;
        List<Trade> sweep = new ArrayList<>();
        int sweepsOfSeveralLevels = 0;
        for (MarketEvent event : events("BTCUSDT", 13, 50_000)) {
            if (event.isTrade()) {
                sweep.add(event.trade());
                continue;
            }
            if (book != null && !sweep.isEmpty()) {
                assertSweptLevelByLevel(book, sweep);
                sweepsOfSeveralLevels += sweep.size() > 1 ? 1 : 0;
            }
            sweep.clear();
            book = event.book();
        }
        assertThat(sweepsOfSeveralLevels).isPositive();
    }

    @Test
    void tradeSizesAreHeavyTailed() {
        double[] sizes = events("BTCUSDT", 17, 400_000).stream()
                .filter(MarketEvent::isTrade)
                .mapToDouble(e -> e.trade().qty())
                .sorted()
                .toArray();

        assertThat(sizes.length).isGreaterThan(50_000);
        assertThat(sizes[sizes.length - 1] / sizes[sizes.length / 2]).isGreaterThan(20.0);
    }

    @Test
    void longRunEventRateIsNearTheConfiguredRate() {
        List<MarketEvent> events = events("ETHUSDT", 19, 200_000);
        double seconds = (events.get(events.size() - 1).eventTimeMs() - START_MS) / 1_000.0;

        assertThat(events.size() / seconds).isBetween(0.8 * RATE, 1.2 * RATE);
    }

    @Test
    void activityHasQuietAndBusySpells() {
        int[] perSecond = new SecondBuckets(events("BTCUSDT", 23, 200_000)).eventCounts();
        Arrays.sort(perSecond);

        int p10 = perSecond[perSecond.length / 10];
        int p90 = perSecond[perSecond.length * 9 / 10];
        assertThat(p90).isGreaterThan(2 * p10);
    }

    /**
     * Cont, Kukanov and Stoikov: best-level order flow imbalance explains mid-price changes. Summed
     * per second of sim time, the two must be clearly positively correlated.
     */
    @Test
    void orderFlowImbalanceMovesTheMidPrice() {
        SecondBuckets buckets = new SecondBuckets(events("BTCUSDT", 29, 200_000));

        assertThat(buckets.midChangeCount()).isGreaterThan(1_000);
        assertThat(LinearFit.of(buckets.ofi(), buckets.midChange()).correlation()).isGreaterThan(0.3);
    }

    private static void assertValid(BookTop book, int levels) {
        assertThat(book.levels()).isEqualTo(levels);
        assertThat(book.bidPrices()[0]).isLessThan(book.askPrices()[0]);
        assertSide(book.bidPrices(), book.bidQtys(), -1);
        assertSide(book.askPrices(), book.askQtys(), 1);
    }

    private static void assertSide(double[] prices, double[] qtys, int away) {
        for (int level = 0; level < prices.length; level++) {
            if (BookTop.isEmptyLevel(prices[level], qtys[level])) {
                // Padding only at the back.
                for (int rest = level; rest < prices.length; rest++) {
                    assertThat(BookTop.isEmptyLevel(prices[rest], qtys[rest])).isTrue();
                }
                return;
            }
            assertThat(qtys[level]).isPositive();
            assertThat(prices[level]).isPositive();
            if (level > 0) {
                assertThat(Math.signum(prices[level] - prices[level - 1])).isEqualTo((double) away);
            }
        }
    }

    private static void assertSweptLevelByLevel(BookTop before, List<Trade> sweep) {
        boolean buy = sweep.get(0).takerSide() == TakerSide.BUY;
        double[] prices = buy ? before.askPrices() : before.bidPrices();
        double[] qtys = buy ? before.askQtys() : before.bidQtys();
        for (int level = 0; level < sweep.size(); level++) {
            Trade trade = sweep.get(level);
            assertThat(trade.takerSide()).isEqualTo(sweep.get(0).takerSide());
            assertThat(trade.price()).isEqualTo(prices[level]);
            if (level < sweep.size() - 1) {
                assertThat(trade.qty()).isEqualTo(qtys[level]);
            } else {
                assertThat(trade.qty()).isLessThanOrEqualTo(qtys[level]);
            }
        }
    }

    /** Per second of sim time: event count, summed best-level OFI, and the mid-price change. */
    private static final class SecondBuckets {
        private final TreeMap<Long, double[]> buckets = new TreeMap<>();
        private int midChangeCount;

        SecondBuckets(List<MarketEvent> events) {
            BookTop previous = null;
            for (MarketEvent event : events) {
                double[] bucket = buckets.computeIfAbsent(
                        (event.eventTimeMs() - START_MS) / 1_000, s -> new double[3]);
                bucket[0]++;
                if (event.isTrade()) {
                    continue;
                }
                BookTop book = event.book();
                if (previous != null) {
                    bucket[1] += bestLevelOfi(previous, book);
                    bucket[2] += book.mid() - previous.mid();
                    midChangeCount += book.mid() != previous.mid() ? 1 : 0;
                }
                previous = book;
            }
        }

        /** Counts of every second from the first to the last, empty seconds included. */
        int[] eventCounts() {
            int[] counts = new int[(int) (buckets.lastKey() + 1)];
            buckets.forEach((second, bucket) -> counts[second.intValue()] = (int) bucket[0]);
            return counts;
        }

        double[] ofi() {
            return buckets.values().stream().mapToDouble(b -> b[1]).toArray();
        }

        double[] midChange() {
            return buckets.values().stream().mapToDouble(b -> b[2]).toArray();
        }

        int midChangeCount() {
            return midChangeCount;
        }
    }

    /** e = 1{Pb>=Pb'}qb - 1{Pb<=Pb'}qb' - 1{Pa<=Pa'}qa + 1{Pa>=Pa'}qa', primes from the previous book. */
    private static double bestLevelOfi(BookTop previous, BookTop book) {
        double pb = book.bidPrices()[0];
        double qb = book.bidQtys()[0];
        double pa = book.askPrices()[0];
        double qa = book.askQtys()[0];
        double pbPrev = previous.bidPrices()[0];
        double qbPrev = previous.bidQtys()[0];
        double paPrev = previous.askPrices()[0];
        double qaPrev = previous.askQtys()[0];
        return (pb >= pbPrev ? qb : 0) - (pb <= pbPrev ? qbPrev : 0)
                - (pa <= paPrev ? qa : 0) + (pa >= paPrev ? qaPrev : 0);
    }


    private static List<Double> prices(List<MarketEvent> events) {
        return events.stream()
                .map(e -> e.isTrade() ? e.trade().price() : e.book().mid())
                .toList();
    }

    private static MarketSimulator simulator(String symbol, long seed) {
        return new MarketSimulator(symbol, seed, START_MS, RATE, 10);
    }

    private static List<MarketEvent> events(String symbol, long seed, int count) {
        MarketSimulator simulator = simulator(symbol, seed);
        List<MarketEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(simulator.next());
        }
        return events;
    }
}
