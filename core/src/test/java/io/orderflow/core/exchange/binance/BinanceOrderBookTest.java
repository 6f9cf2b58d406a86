package io.orderflow.core.exchange.binance;

import static io.orderflow.core.exchange.binance.BinanceOrderBook.Outcome.APPLIED;
import static io.orderflow.core.exchange.binance.BinanceOrderBook.Outcome.BUFFERED;
import static io.orderflow.core.exchange.binance.BinanceOrderBook.Outcome.GAP;
import static io.orderflow.core.exchange.binance.BinanceOrderBook.Outcome.STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hand-made diff sequences. Diffs are stamped from their final id {@code u}: {@code E = 10u},
 * {@code T = 10u - 1}, receive time {@code 10u + 5}, so the stamp of {@code top()} names the diff.
 */
class BinanceOrderBookTest {

    private static final double[] NONE = {};

    /** bids 10@1, 9@2; asks 11@1, 12@2. */
    private static DepthSnapshot snapshot(long lastUpdateId) {
        return new DepthSnapshot("BTCUSDT", lastUpdateId, 0, 1_000, new double[] {10.0, 9.0},
                new double[] {1.0, 2.0}, new double[] {11.0, 12.0}, new double[] {1.0, 2.0});
    }

    /** Bids and asks as flat (price, qty) pairs. */
    private static DepthUpdate diff(long first, long last, long previous, double[] bids, double[] asks) {
        return new DepthUpdate("BTCUSDT", 10 * last, 10 * last - 1, 10 * last + 5, first, last, previous,
                prices(bids), qtys(bids), prices(asks), qtys(asks));
    }

    private static DepthUpdate spot(long first, long last, double[] bids, double[] asks) {
        return diff(first, last, DepthUpdate.NO_PREVIOUS_ID, bids, asks);
    }

    private static DepthUpdate spot(long first, long last) {
        return spot(first, last, NONE, NONE);
    }

    private static double[] pairs(double... values) {
        return values;
    }

    @Nested
    class Spot {

        private final BinanceOrderBook book = new BinanceOrderBook("BTCUSDT", MarketType.SPOT, 2);

        @Test
        void buffersDiffsUntilTheSnapshotThenDropsTheStaleOnesAndAppliesTheRest() {
            assertThat(book.onDiff(spot(96, 99, pairs(10.0, 5.0), NONE))).isEqualTo(BUFFERED);
            assertThat(book.onDiff(spot(100, 100, NONE, pairs(11.0, 7.0)))).isEqualTo(BUFFERED);
            assertThat(book.onDiff(spot(101, 103, pairs(10.5, 3.0), NONE))).isEqualTo(BUFFERED);
            assertThat(book.onDiff(spot(104, 104, NONE, pairs(11.0, 0.0)))).isEqualTo(BUFFERED);
            assertThat(book.bufferedDiffs()).isEqualTo(4);
            assertThat(book.isSynced()).isFalse();
            assertThatThrownBy(book::top).isInstanceOf(IllegalStateException.class);

            assertThat(book.onSnapshot(snapshot(100))).isEqualTo(APPLIED);

            // 96..99 and 100..100 are in the snapshot: the bid stays 10@1, the ask 11 is removed by 104.
            assertThat(book.isSynced()).isTrue();
            assertThat(book.bufferedDiffs()).isZero();
            assertThat(book.lastUpdateId()).isEqualTo(104);
            BookTop top = book.top();
            assertThat(top.bidPrices()).containsExactly(10.5, 10.0);
            assertThat(top.bidQtys()).containsExactly(3.0, 1.0);
            assertThat(top.askPrices()).containsExactly(12.0, 0.0);
            assertThat(top.askQtys()).containsExactly(2.0, 0.0);
        }

        @Test
        void aSnapshotArrivingAfterTheDiffThatSpansItSyncs() {
            book.onDiff(spot(90, 99, pairs(10.0, 5.0), NONE));
            book.onDiff(spot(100, 110, pairs(9.0, 4.0), NONE));

            assertThat(book.onSnapshot(snapshot(105))).isEqualTo(APPLIED);

            assertThat(book.lastUpdateId()).isEqualTo(110);
            assertThat(book.top().bidPrices()).containsExactly(10.0, 9.0);
            assertThat(book.top().bidQtys()).containsExactly(1.0, 4.0);
        }

        @Test
        void aSnapshotOlderThanTheBufferedDiffsIsAGapAndTheDiffsWaitForTheNextOne() {
            book.onDiff(spot(103, 105));
            book.onDiff(spot(106, 107));

            assertThat(book.onSnapshot(snapshot(100))).isEqualTo(GAP);
            assertThat(book.isSynced()).isFalse();
            assertThat(book.bufferedDiffs()).isEqualTo(2);

            assertThat(book.onSnapshot(snapshot(104))).isEqualTo(APPLIED);
            assertThat(book.lastUpdateId()).isEqualTo(107);
        }

        @Test
        void aSkippedUpdateIdIsAGapThenTheBookResyncsFromTheNextSnapshot() {
            book.onSnapshot(snapshot(100));
            assertThat(book.onDiff(spot(101, 102))).isEqualTo(APPLIED);

            assertThat(book.onDiff(spot(104, 105, pairs(10.0, 0.0), NONE))).isEqualTo(GAP);

            assertThat(book.isSynced()).isFalse();
            assertThat(book.lastUpdateId()).isZero();
            assertThat(book.bufferedDiffs()).isEqualTo(1);
            assertThat(book.onDiff(spot(106, 106, NONE, pairs(11.5, 2.5)))).isEqualTo(BUFFERED);

            // The offending diff was kept: it bridges the new snapshot (104 <= 105 <= 105).
            assertThat(book.onSnapshot(snapshot(104))).isEqualTo(APPLIED);
            assertThat(book.lastUpdateId()).isEqualTo(106);
            assertThat(book.top().bidPrices()).containsExactly(9.0, 0.0);
            assertThat(book.top().askPrices()).containsExactly(11.0, 11.5);
            assertThat(book.top().askQtys()).containsExactly(1.0, 2.5);
        }

        @Test
        void aDiffOlderThanTheSyncedBookIsStaleAndChangesNothing() {
            book.onSnapshot(snapshot(100));
            book.onDiff(spot(101, 101));

            assertThat(book.onDiff(spot(99, 101, pairs(10.0, 0.0), NONE))).isEqualTo(STALE);

            assertThat(book.lastUpdateId()).isEqualTo(101);
            assertThat(book.top().bidPrices()).containsExactly(10.0, 9.0);
        }

        @Test
        void topIsStampedWithTheLastAppliedDiff() {
            book.onSnapshot(snapshot(100));
            assertThat(book.top().updateId()).isEqualTo(100);
            assertThat(book.top().receiveTimeMs()).isEqualTo(1_000);

            book.onDiff(spot(101, 104));

            BookTop top = book.top();
            assertThat(top.symbol()).isEqualTo("BTCUSDT");
            assertThat(top.updateId()).isEqualTo(104);
            assertThat(top.eventTimeMs()).isEqualTo(1_040);
            assertThat(top.transactTimeMs()).isEqualTo(1_039);
            assertThat(top.receiveTimeMs()).isEqualTo(1_045);
        }

        @Test
        void zeroQuantitiesRemoveLevelsAndAThinBookIsZeroPadded() {
            book.onSnapshot(snapshot(100));

            book.onDiff(spot(101, 101, pairs(10.0, 0.0, 9.0, 0.0, 8.0, 0.5), pairs(11.0, 0.0)));

            BookTop top = book.top();
            assertThat(top.bidPrices()).containsExactly(8.0, 0.0);
            assertThat(top.bidQtys()).containsExactly(0.5, 0.0);
            assertThat(top.askPrices()).containsExactly(12.0, 0.0);
            assertThat(top.askQtys()).containsExactly(2.0, 0.0);
        }

        @Test
        void aFullBufferDropsTheOldestDiffsAndCountsThem() {
            BinanceOrderBook small = new BinanceOrderBook("BTCUSDT", MarketType.SPOT, 1, 3);
            for (long id = 101; id <= 105; id++) {
                assertThat(small.onDiff(spot(id, id))).isEqualTo(BUFFERED);
            }

            assertThat(small.droppedBufferedDiffs()).isEqualTo(2);
            assertThat(small.bufferedDiffs()).isEqualTo(3);
            // 101 and 102 are gone: a snapshot at 100 cannot be bridged, one at 102 can.
            assertThat(small.onSnapshot(snapshot(100))).isEqualTo(GAP);
            assertThat(small.onSnapshot(snapshot(102))).isEqualTo(APPLIED);
            assertThat(small.lastUpdateId()).isEqualTo(105);
        }

        @Test
        void resetForgetsTheBookAndTheBuffer() {
            book.onSnapshot(snapshot(100));
            book.onDiff(spot(101, 101));
            book.reset();
            book.onDiff(spot(150, 151));
            book.reset();

            assertThat(book.isSynced()).isFalse();
            assertThat(book.bufferedDiffs()).isZero();
            assertThat(book.onSnapshot(snapshot(200))).isEqualTo(APPLIED);
            assertThat(book.lastUpdateId()).isEqualTo(200);
        }

        @Test
        void aSnapshotNoNewerThanTheSyncedBookIsStale() {
            book.onSnapshot(snapshot(100));
            book.onDiff(spot(101, 105, pairs(10.0, 0.0), NONE));

            assertThat(book.onSnapshot(snapshot(103))).isEqualTo(STALE);

            assertThat(book.lastUpdateId()).isEqualTo(105);
            assertThat(book.top().bidPrices()).containsExactly(9.0, 0.0);
        }
    }

    @Nested
    class Futures {

        private final BinanceOrderBook book = new BinanceOrderBook("BTCUSDT", MarketType.USDM, 2);

        @Test
        void theFirstDiffSpansTheSnapshotAndLaterOnesChainByPu() {
            book.onDiff(diff(480, 490, 470, pairs(10.0, 5.0), NONE));
            book.onDiff(diff(495, 505, 490, pairs(10.5, 2.0), NONE));
            // Futures ids are shared across symbols: U jumps, only pu must match.
            book.onDiff(diff(512, 520, 505, NONE, pairs(10.8, 4.0)));

            assertThat(book.onSnapshot(snapshot(500))).isEqualTo(APPLIED);

            assertThat(book.lastUpdateId()).isEqualTo(520);
            assertThat(book.top().bidPrices()).containsExactly(10.5, 10.0);
            assertThat(book.top().bidQtys()).containsExactly(2.0, 1.0);
            assertThat(book.top().askPrices()).containsExactly(10.8, 11.0);
        }

        @Test
        void aFirstDiffWhosePuIsTheSnapshotIdBridgesIt() {
            assertThat(book.onSnapshot(snapshot(500))).isEqualTo(APPLIED);

            assertThat(book.onDiff(diff(503, 510, 500, NONE, NONE))).isEqualTo(APPLIED);
            assertThat(book.lastUpdateId()).isEqualTo(510);
        }

        @Test
        void aFirstDiffThatNeitherSpansNorChainsIsAGap() {
            book.onSnapshot(snapshot(500));

            assertThat(book.onDiff(diff(503, 510, 498, NONE, NONE))).isEqualTo(GAP);
            assertThat(book.isSynced()).isFalse();
        }

        @Test
        void aPuMismatchIsAGapEvenWhenUFollowsTheLastU() {
            book.onSnapshot(snapshot(500));
            book.onDiff(diff(495, 505, 490, NONE, NONE));

            assertThat(book.onDiff(diff(506, 508, 504, NONE, NONE))).isEqualTo(GAP);

            assertThat(book.isSynced()).isFalse();
            assertThat(book.bufferedDiffs()).isEqualTo(1);
            assertThat(book.onDiff(diff(511, 515, 508, pairs(9.0, 0.0), NONE))).isEqualTo(BUFFERED);
            assertThat(book.onSnapshot(snapshot(507))).isEqualTo(APPLIED);
            assertThat(book.lastUpdateId()).isEqualTo(515);
            assertThat(book.top().bidPrices()).containsExactly(10.0, 0.0);
        }

        @Test
        void aDiffEndingAtTheSnapshotIdIsStaleAndTheNextChainsFromIt() {
            book.onDiff(diff(495, 500, 490, pairs(10.0, 9.0), NONE));
            book.onDiff(diff(504, 506, 500, NONE, NONE));

            assertThat(book.onSnapshot(snapshot(500))).isEqualTo(APPLIED);

            assertThat(book.lastUpdateId()).isEqualTo(506);
            assertThat(book.top().bidQtys()).containsExactly(1.0, 2.0);
        }
    }

    private static double[] prices(double[] pairs) {
        double[] prices = new double[pairs.length / 2];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = pairs[2 * i];
        }
        return prices;
    }

    private static double[] qtys(double[] pairs) {
        double[] qtys = new double[pairs.length / 2];
        for (int i = 0; i < qtys.length; i++) {
            qtys[i] = pairs[2 * i + 1];
        }
        return qtys;
    }
}
