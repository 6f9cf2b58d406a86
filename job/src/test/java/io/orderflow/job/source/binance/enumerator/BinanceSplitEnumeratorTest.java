package io.orderflow.job.source.binance.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.job.source.binance.split.BinanceSplit;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class BinanceSplitEnumeratorTest {

    private static final List<BinanceSplit> SPLITS = List.of(
            split(BinanceRoute.USDM_MARKET, 0), split(BinanceRoute.USDM_MARKET, 1),
            split(BinanceRoute.USDM_PUBLIC, 0), split(BinanceRoute.USDM_PUBLIC, 1),
            split(BinanceRoute.USDM_PUBLIC, 2));

    @Test
    void eachReaderGetsAllItsSplitsInOneCall() throws Exception {
        try (MockSplitEnumeratorContext<BinanceSplit> context = new MockSplitEnumeratorContext<>(2)) {
            BinanceSplitEnumerator enumerator = new BinanceSplitEnumerator(context, SPLITS, false);
            enumerator.start();

            register(context, enumerator, 1);
            register(context, enumerator, 0);

            List<SplitsAssignment<BinanceSplit>> calls = context.getSplitsAssignmentSequence();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).assignment()).isEqualTo(Map.of(1, List.of(SPLITS.get(1), SPLITS.get(3))));
            assertThat(calls.get(1).assignment())
                    .isEqualTo(Map.of(0, List.of(SPLITS.get(0), SPLITS.get(2), SPLITS.get(4))));
            assertThat(enumerator.snapshotState(1).unassignedSplits()).isEmpty();
        }
    }

    @Test
    void onlyABoundedRunSignalsThatNoMoreSplitsWillCome() throws Exception {
        try (MockSplitEnumeratorContext<BinanceSplit> unbounded = new MockSplitEnumeratorContext<>(3);
                MockSplitEnumeratorContext<BinanceSplit> bounded = new MockSplitEnumeratorContext<>(3)) {
            register(unbounded, new BinanceSplitEnumerator(unbounded, SPLITS.subList(0, 1), false), 2);
            register(bounded, new BinanceSplitEnumerator(bounded, SPLITS.subList(0, 1), true), 2);

            assertThat(unbounded.hasNoMoreSplits(2)).isFalse();
            assertThat(bounded.hasNoMoreSplits(2)).isTrue();
            assertThat(bounded.getSplitsAssignmentSequence()).isEmpty();
        }
    }

    @Test
    void snapshotHoldsTheSplitsOfReadersNotRegisteredYet() throws Exception {
        try (MockSplitEnumeratorContext<BinanceSplit> context = new MockSplitEnumeratorContext<>(2)) {
            BinanceSplitEnumerator enumerator = new BinanceSplitEnumerator(context, SPLITS, false);

            register(context, enumerator, 0);

            assertThat(enumerator.snapshotState(1).unassignedSplits()).containsExactly(SPLITS.get(1), SPLITS.get(3));
        }
    }

    @Test
    void splitsGivenBackGoToTheReplacementReaderWithTheirProgress() throws Exception {
        try (MockSplitEnumeratorContext<BinanceSplit> context = new MockSplitEnumeratorContext<>(2)) {
            BinanceSplitEnumerator enumerator = new BinanceSplitEnumerator(context, SPLITS, false);
            register(context, enumerator, 0);
            register(context, enumerator, 1);
            BinanceSplit midway = SPLITS.get(1).withLastTradeIds(Map.of("BTCUSDT", 99L));

            enumerator.addSplitsBack(List.of(midway, SPLITS.get(3)), 1);
            context.unregisterReader(1);
            register(context, enumerator, 1);

            assertThat(context.getSplitsAssignmentSequence()).last()
                    .extracting(SplitsAssignment::assignment)
                    .isEqualTo(Map.of(1, List.of(midway, SPLITS.get(3))));
            assertThat(enumerator.snapshotState(2).unassignedSplits()).isEmpty();
        }
    }

    private static void register(MockSplitEnumeratorContext<BinanceSplit> context, BinanceSplitEnumerator enumerator,
            int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
        enumerator.addReader(subtask);
    }

    private static BinanceSplit split(BinanceRoute route, int index) {
        return BinanceSplit.of(route, index, List.of("s" + index + "usdt@aggTrade"));
    }
}
