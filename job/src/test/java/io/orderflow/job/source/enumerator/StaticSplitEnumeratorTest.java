package io.orderflow.job.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.job.source.market.MarketSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class StaticSplitEnumeratorTest {

    private static final MarketSplit BTC = split("BTCUSDT");
    private static final MarketSplit ETH = split("ETHUSDT");
    private static final MarketSplit SOL = split("SOLUSDT");

    @Test
    void spreadsSplitsRoundRobinInOneAssignmentPerReader() {
        RecordingContext context = new RecordingContext(2);
        StaticSplitEnumerator<MarketSplit> enumerator = new StaticSplitEnumerator<>(context, List.of(BTC, ETH, SOL), true);
        enumerator.start();

        register(context, enumerator, 1);
        register(context, enumerator, 0);

        assertThat(context.assignments).containsExactly(
                Map.of(1, List.of(ETH)),
                Map.of(0, List.of(BTC, SOL)));
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isTrue();
        assertThat(context.getSplitAssignments().get(1).hasReceivedNoMoreSplitsSignal()).isTrue();
        assertThat(enumerator.snapshotState(1).unassignedSplits()).isEmpty();
    }

    @Test
    void snapshotHoldsTheSplitsOfReadersNotRegisteredYet() {
        RecordingContext context = new RecordingContext(2);
        StaticSplitEnumerator<MarketSplit> enumerator = new StaticSplitEnumerator<>(context, List.of(BTC, ETH, SOL), true);

        register(context, enumerator, 0);

        assertThat(enumerator.snapshotState(1).unassignedSplits()).containsExactly(ETH);
    }

    @Test
    void readerWithoutSplitsIsToldNoneWillCome() {
        RecordingContext context = new RecordingContext(3);
        StaticSplitEnumerator<MarketSplit> enumerator = new StaticSplitEnumerator<>(context, List.of(BTC, ETH), true);

        register(context, enumerator, 2);

        assertThat(context.assignments).isEmpty();
        assertThat(context.getSplitAssignments().get(2).hasReceivedNoMoreSplitsSignal()).isTrue();
    }

    @Test
    void readersOfAnUnboundedLiveSourceAreNotToldNoneWillCome() {
        RecordingContext context = new RecordingContext(3);
        StaticSplitEnumerator<MarketSplit> enumerator = new StaticSplitEnumerator<>(context, List.of(BTC, ETH), false);

        register(context, enumerator, 0);
        register(context, enumerator, 2);

        assertThat(context.assignments).containsExactly(Map.of(0, List.of(BTC)));
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isFalse();
        assertThat(context.getSplitAssignments()).as("nothing at all for reader 2").doesNotContainKey(2);
    }

    @Test
    void splitsGivenBackGoToTheReplacementReader() {
        RecordingContext context = new RecordingContext(2);
        StaticSplitEnumerator<MarketSplit> enumerator = new StaticSplitEnumerator<>(context, List.of(BTC, ETH, SOL), true);
        register(context, enumerator, 0);
        register(context, enumerator, 1);
        MarketSplit btcMidway = BTC.withEventsEmitted(500);

        enumerator.addSplitsBack(List.of(btcMidway, SOL), 0);
        assertThat(enumerator.snapshotState(2).unassignedSplits()).containsExactly(btcMidway, SOL);
        enumerator.addReader(0); // the replacement (the testing context keeps the old registration)

        assertThat(context.assignments).last().isEqualTo(Map.of(0, List.of(btcMidway, SOL)));
        assertThat(enumerator.snapshotState(3).unassignedSplits()).isEmpty();
    }

    private static void register(RecordingContext context, StaticSplitEnumerator<MarketSplit> enumerator, int subtask) {
        context.registerReader(subtask, "localhost");
        enumerator.addReader(subtask);
    }

    private static MarketSplit split(String symbol) {
        return new MarketSplit(symbol, 1L, 1_700_000_000_000L, 0L);
    }

    /** Keeps every assignSplits call, to check how splits were handed over and not just where. */
    private static final class RecordingContext extends TestingSplitEnumeratorContext<MarketSplit> {
        final List<Map<Integer, List<MarketSplit>>> assignments = new ArrayList<>();

        RecordingContext(int parallelism) {
            super(parallelism);
        }

        @Override
        public void assignSplits(SplitsAssignment<MarketSplit> assignment) {
            assignments.add(assignment.assignment());
            super.assignSplits(assignment);
        }
    }
}
