package io.orderflow.job.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.ReferenceMarket;
import io.orderflow.job.source.reader.MarketFeedReader;
import io.orderflow.job.testing.FeedReaders;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The replay source's reader against plain {@link io.orderflow.core.replay.ReplayFeed} passes. */
class ReplayReaderTest {

    private static final ReplaySource SOURCE = ReplayFixtures.spot(
            "hftbacktest-spot/btcusdt_20240808.gz", "hftbacktest-spot/ethusdt_20240808.gz");

    private static Map<String, List<MarketEvent>> expected;

    @BeforeAll
    static void replayDirectly() throws IOException {
        expected = ReplayFixtures.replayedDirectly(SOURCE);
    }

    @Test
    void readerEmitsEachRecordingAsReplayedDirectly() {
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<ReplaySplit> reader = SOURCE.createReader(new TestingReaderContext())) {
            reader.addSplits(SOURCE.initialSplits());
            reader.notifyNoMoreSplits();
            FeedReaders.drain(reader, output);
        }

        assertThat(ReferenceMarket.bySymbol(output.getEmittedRecords())).isEqualTo(expected);
    }

    /** What exactly-once rests on: a reader restored from a snapshot continues each recording. */
    @Test
    void restoredReaderEmitsExactlyTheRestOfAnUninterruptedReplay() throws IOException {
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();
        List<ReplaySplit> snapshot;
        try (MarketFeedReader<ReplaySplit> reader = SOURCE.createReader(new TestingReaderContext())) {
            reader.addSplits(SOURCE.initialSplits());
            int half = expected.values().stream().mapToInt(List::size).sum() / 2;
            while (output.getEmittedRecords().size() < half) {
                reader.pollNext(output);
            }
            snapshot = FeedReaders.throughSerializer(ReplaySplitSerializer.INSTANCE, reader.snapshotState(1));
        }
        // Both splits midway: a finished split would have left the snapshot.
        assertThat(snapshot).hasSize(2).allMatch(split -> split.eventsEmitted() > 0);
        assertThat(snapshot.stream().mapToLong(ReplaySplit::eventsEmitted).sum())
                .isEqualTo(output.getEmittedRecords().size());

        try (MarketFeedReader<ReplaySplit> restored = SOURCE.createReader(new TestingReaderContext())) {
            restored.addSplits(snapshot);
            restored.notifyNoMoreSplits();
            FeedReaders.drain(restored, output);
        }

        assertThat(ReferenceMarket.bySymbol(output.getEmittedRecords())).isEqualTo(expected);
    }
}
