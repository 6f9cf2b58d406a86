package io.orderflow.client;

import static io.orderflow.client.Bars1m.MINUTE;
import static io.orderflow.client.Bars1m.bar;
import static io.orderflow.client.Bars1m.closed;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.client.BarCache.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarCacheTest {

    private final BarCache cache = new BarCache();

    @Test
    void theFormingBarIsReplacedByItsUpdatesThenByItsClosedVersion() {
        assertThat(cache.apply(bar(1, 1, false))).isEqualTo(Change.ADDED);
        assertThat(cache.apply(bar(1, 2, false))).isEqualTo(Change.REPLACED);
        assertThat(cache.last("BTCUSDT", Timeframe.M1, 5)).containsExactly(bar(1, 2, false));
        assertThat(cache.apply(bar(1, 3, true))).isEqualTo(Change.REPLACED);
        assertThat(cache.apply(bar(1, 3, true))).isEqualTo(Change.DUPLICATE);
        assertThat(cache.apply(bar(1, 4, false))).as("a forming update after the closed bar").isEqualTo(Change.STALE);
        assertThat(cache.last("btcusdt", Timeframe.M1, 5)).containsExactly(bar(1, 3, true));
        assertThat(cache.size("BTCUSDT", Timeframe.M1)).isEqualTo(1);
        assertThat(cache.size("BTCUSDT", Timeframe.M5)).isZero();
    }

    @Test
    void aFormingBarOlderThanOneHeldIsStaleAndOneThatNeverClosedIsDropped() {
        cache.apply(closed(1));
        cache.apply(bar(3, 1, false));
        assertThat(cache.apply(bar(2, 1, false))).isEqualTo(Change.STALE);
        // the closed bar 3 never came: bar 4 supersedes its forming version
        assertThat(cache.apply(bar(4, 1, false))).isEqualTo(Change.ADDED);
        assertThat(cache.last("BTCUSDT", Timeframe.M1, 5)).containsExactly(closed(1), bar(4, 1, false));
        // history brings closed bars before and after the forming one: it stays only while it is the newest
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(closed(3)), 3 * MINUTE, 4 * MINUTE);
        assertThat(cache.last("BTCUSDT", Timeframe.M1, 5)).containsExactly(closed(1), closed(3), bar(4, 1, false));
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(closed(5)), 4 * MINUTE, 6 * MINUTE);
        assertThat(cache.last("BTCUSDT", Timeframe.M1, 5)).containsExactly(closed(1), closed(3), closed(5));
    }

    @Test
    void atMostBarsPerKeyTheOldestDroppedFirst() {
        BarCache small = new BarCache(3);
        for (long minute = 1; minute <= 5; minute++) {
            small.apply(closed(minute));
        }
        small.apply(closed(0)); // older than everything held in a full cache: in and out at once
        assertThat(small.last("BTCUSDT", Timeframe.M1, 10)).containsExactly(closed(3), closed(4), closed(5));
        assertThat(small.last("BTCUSDT", Timeframe.M1, 2)).containsExactly(closed(4), closed(5));
        assertThat(small.stats()).isEqualTo(new BarCache.Stats(1, 3, 0, 0));
    }

    @Test
    void theFormingBarTakesNoneOfTheClosedBarsPlaces() {
        BarCache small = new BarCache(3);
        for (long minute = 1; minute <= 4; minute++) {
            small.apply(closed(minute));
        }
        small.applyHistory("BTCUSDT", Timeframe.M1, List.of(), 2 * MINUTE, 5 * MINUTE);
        small.apply(Bars1m.bar(5, 1, false));
        assertThat(small.last("BTCUSDT", Timeframe.M1, 10)).containsExactly(closed(2), closed(3), closed(4), Bars1m.bar(5, 1, false));
        assertThat(small.lastClosed("BTCUSDT", Timeframe.M1, 3, 5 * MINUTE)).containsExactly(closed(2), closed(3), closed(4));
        small.apply(closed(5)); // closed: now four closed bars, the oldest goes
        assertThat(small.last("BTCUSDT", Timeframe.M1, 10)).containsExactly(closed(3), closed(4), closed(5));
    }

    @Test
    void lookupsInsideTheCoverageAreHitsAndOthersMisses() {
        // bars 1, 2 and 4 (minute 3 had no trades), every bar of minutes [1, 5) known
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(closed(1), closed(2), closed(4)), MINUTE, 5 * MINUTE);
        assertThat(cache.lastClosed("BTCUSDT", Timeframe.M1, 2, 5 * MINUTE)).containsExactly(closed(2), closed(4));
        assertThat(cache.closedBetween("BTCUSDT", Timeframe.M1, MINUTE, 5 * MINUTE))
                .containsExactly(closed(1), closed(2), closed(4));
        assertThat(cache.closedBetween("BTCUSDT", Timeframe.M1, 2 * MINUTE, 4 * MINUTE)).containsExactly(closed(2));
        // three bars before minute 4 would need minutes before 1, which are not known
        assertThat(cache.lastClosed("BTCUSDT", Timeframe.M1, 3, 4 * MINUTE)).isNull();
        assertThat(cache.closedBetween("BTCUSDT", Timeframe.M1, 0, 5 * MINUTE)).isNull();
        assertThat(cache.closedBetween("BTCUSDT", Timeframe.M1, MINUTE, 6 * MINUTE)).isNull();
        assertThat(cache.lastClosed("BTCUSDT", Timeframe.M5, 1, 5 * MINUTE)).isNull();
        assertThat(cache.stats()).isEqualTo(new BarCache.Stats(1, 3, 3, 4));
    }

    @Test
    void historyThatTouchesTheCoverageJoinsItAndHistoryApartReplacesIt() {
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(closed(1), closed(2)), MINUTE, 3 * MINUTE);
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(closed(3)), 3 * MINUTE, 4 * MINUTE);
        assertThat(cache.lastClosed("BTCUSDT", Timeframe.M1, 3, 4 * MINUTE)).containsExactly(closed(1), closed(2), closed(3));
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(closed(10)), 10 * MINUTE, 11 * MINUTE);
        assertThat(cache.closedBetween("BTCUSDT", Timeframe.M1, MINUTE, 4 * MINUTE)).isNull();
        assertThat(cache.closedBetween("BTCUSDT", Timeframe.M1, 10 * MINUTE, 11 * MINUTE)).containsExactly(closed(10));
        assertThat(cache.last("BTCUSDT", Timeframe.M1, 10)).hasSize(4);
    }

    @Test
    void theCoverageShrinksPastTheBarsDropped() {
        BarCache small = new BarCache(3);
        small.applyHistory("BTCUSDT", Timeframe.M1, List.of(closed(1), closed(2), closed(3), closed(4)), 0, 5 * MINUTE);
        // bar 1 dropped: minutes from just after its open are still known entirely
        assertThat(small.closedBetween("BTCUSDT", Timeframe.M1, MINUTE + 1, 5 * MINUTE))
                .containsExactly(closed(2), closed(3), closed(4));
        assertThat(small.closedBetween("BTCUSDT", Timeframe.M1, MINUTE, 5 * MINUTE)).isNull();
        assertThat(small.lastClosed("BTCUSDT", Timeframe.M1, 3, 5 * MINUTE)).containsExactly(closed(2), closed(3), closed(4));
    }

    @Test
    void theFormingBarIsNeverAClosedAnswer() {
        cache.applyHistory("BTCUSDT", Timeframe.M1, List.of(closed(1)), MINUTE, 3 * MINUTE);
        cache.apply(bar(2, 1, false));
        assertThat(cache.lastClosed("BTCUSDT", Timeframe.M1, 1, 3 * MINUTE)).containsExactly(closed(1));
        assertThat(cache.closedBetween("BTCUSDT", Timeframe.M1, 2 * MINUTE, 3 * MINUTE)).isEmpty();
        assertThat(cache.last("BTCUSDT", Timeframe.M1, 1)).containsExactly(bar(2, 1, false));
    }
}
