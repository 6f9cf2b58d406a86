package io.orderflow.core.signal;

import static io.orderflow.core.signal.Books.book;
import static io.orderflow.core.signal.Books.d;
import static io.orderflow.core.signal.Books.top;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.BookTop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden vectors computed by hand from e = 1{Pb≥Pb'}qb − 1{Pb≤Pb'}qb' − 1{Pa≤Pa'}qa + 1{Pa≥Pa'}qa'.
 * Previous state everywhere: bid 100 × 5, ask 101 × 4.
 */
class OrderFlowImbalanceTest {

    private static final BookTop PREVIOUS = top(100, 5, 101, 4);

    // bid up   100.2 × 2: +2          ask up   101.2 × 6:  +4 (the old ask queue of 4 is gone)
    // bid same 100   × 8: 8 − 5 = +3  ask same 101   × 2.5: 4 − 2.5 = +1.5
    // bid down  99.8 × 3: −5          ask down 100.8 × 2: −2
    @ParameterizedTest(name = "bid {0}, ask {2} -> {4}")
    @CsvSource({
        "100.2, 2, 101.2, 6,  6.0",
        "100.2, 2, 101,   2.5, 3.5",
        "100.2, 2, 100.8, 2,  0.0",
        "100,   8, 101.2, 6,  7.0",
        "100,   8, 101,   2.5, 4.5",
        "100,   8, 100.8, 2,  1.0",
        "99.8,  3, 101.2, 6, -1.0",
        "99.8,  3, 101,   2.5, -3.5",
        "99.8,  3, 100.8, 2, -7.0",
    })
    void bestLevelForEveryDirectionOfBidAndAsk(double bid, double bidQty, double ask, double askQty, double expected) {
        BookTop current = top(bid, bidQty, ask, askQty);
        // the ofi row's ofi_l1, best_bid and best_ask
        assertThat(OrderFlowImbalance.atLevel(PREVIOUS, current, 0)).isEqualTo(expected);
        assertThat(current.bestBid()).isEqualTo(bid);
        assertThat(current.bestAsk()).isEqualTo(ask);
        assertThat(OrderFlowImbalance.weighted(PREVIOUS, current, d(1.0))).isEqualTo(expected);
    }

    @Test
    void anEmptiedSideHasNoBestPriceAndItsVanishedQueueCountsAtTheBestLevel() {
        // asks gone: bid 100 × 5 unchanged, 5 − 5 = 0; ask at +∞ with 0 against 101 × 4: +4
        BookTop noAsks = top(100, 5, 0, 0);
        assertThat(OrderFlowImbalance.atLevel(PREVIOUS, noAsks, 0)).isEqualTo(4.0);
        assertThat(noAsks.bestBid()).isEqualTo(100.0);
        assertThat(noAsks.bestAsk()).isNaN();
        // bids gone: bid at −∞ with 0 against 100 × 5: −5; ask 101 × 4 unchanged, 4 − 4 = 0
        BookTop noBids = top(0, 0, 101, 4);
        assertThat(OrderFlowImbalance.atLevel(PREVIOUS, noBids, 0)).isEqualTo(-5.0);
        assertThat(noBids.bestBid()).isNaN();
        assertThat(noBids.bestAsk()).isEqualTo(101.0);
    }

    @Test
    void unchangedBookHasNoImbalance() {
        assertThat(OrderFlowImbalance.atLevel(PREVIOUS, PREVIOUS, 0)).isZero();
    }

    @Test
    void paddedLevelsAreEmptyQueuesAtTheFarEndOfTheirSide() {
        // Level 3: the bid 98 × 3 vanishes (−3); an ask 103 × 5 appears where there was none (−5).
        BookTop previous = book(d(100, 99, 98), d(1, 2, 3), d(101, 102, 0), d(1, 1, 0));
        BookTop current = book(d(100, 99, 0), d(1, 2, 0), d(101, 102, 103), d(1, 1, 5));
        assertThat(OrderFlowImbalance.atLevel(previous, current, 0)).isZero();
        assertThat(OrderFlowImbalance.atLevel(previous, current, 1)).isZero();
        assertThat(OrderFlowImbalance.atLevel(previous, current, 2)).isEqualTo(-8.0);
        // And back: the bid reappears (+3), the ask vanishes (+5): ask liquidity removed is buying
        // pressure, which a price-0 padding would have missed.
        assertThat(OrderFlowImbalance.atLevel(current, previous, 2)).isEqualTo(8.0);
    }

    @Test
    void levelsPaddedOnBothSidesContributeNothing() {
        BookTop thin = book(d(100, 0), d(1, 0), d(101, 0), d(1, 0));
        assertThat(OrderFlowImbalance.atLevel(thin, thin, 1)).isZero();
    }

    @Test
    void levelsBeyondABooksDepthCountAsEmpty() {
        BookTop oneLevel = top(100, 1, 101, 1);
        BookTop twoLevels = book(d(100, 99), d(1, 4), d(101, 102), d(1, 6));
        // The second level appears: bid +4, ask −6.
        assertThat(OrderFlowImbalance.atLevel(oneLevel, twoLevels, 1)).isEqualTo(-2.0);
    }

    @Test
    void weightsCombineTheFirstLevelsOnly() {
        // Same prices, bid queues grow by 1, 2 and 4 at levels 1, 2, 3: contributions +1, +2, +4.
        BookTop previous = book(d(100, 99, 98), d(1, 1, 1), d(101, 102, 103), d(1, 1, 1));
        BookTop current = book(d(100, 99, 98), d(2, 3, 5), d(101, 102, 103), d(1, 1, 1));
        assertThat(OrderFlowImbalance.weighted(previous, current, d(1.0))).isEqualTo(1.0);
        assertThat(OrderFlowImbalance.weighted(previous, current, d(1.0, 0.5))).isEqualTo(2.0);
        assertThat(OrderFlowImbalance.weighted(previous, current, d(1.0, 0.5, 0.25))).isEqualTo(3.0);
        assertThat(OrderFlowImbalance.weighted(previous, current, d(1 / 3.0, 1 / 3.0, 1 / 3.0)))
                .isCloseTo(7 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void meanDepthAveragesTheQueuesOfTheFirstLevelsOfBothSides() {
        BookTop book = book(d(100, 99, 98), d(1, 2, 30), d(101, 102, 103), d(3, 4, 50));
        // (1 + 2 + 3 + 4) / 4: level 3 is not among the first two
        assertThat(OrderFlowImbalance.meanDepth(book, 2)).isEqualTo(2.5);
        // a padded level is an empty queue: (1 + 0 + 3 + 0) / 4
        BookTop thin = book(d(100, 0), d(1, 0), d(101, 0), d(3, 0));
        assertThat(OrderFlowImbalance.meanDepth(thin, 2)).isEqualTo(1.0);
    }

    @Test
    void normalisedOfiIsInUnitsOfMeanDepthAndZeroWithoutDepth() {
        assertThat(OrderFlowImbalance.normalised(3.0, 1.5)).isEqualTo(2.0);
        assertThat(OrderFlowImbalance.normalised(-3.0, 0.0)).isZero();
    }
}
