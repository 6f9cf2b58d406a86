package io.orderflow.job.source.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.ReferenceMarket;
import io.orderflow.job.source.reader.MarketFeedReader;
import io.orderflow.job.testing.FeedReaders;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

class EmbeddedMarketReaderTest {

    private static final long START_MS = 1_700_000_000_000L;
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");

    @Test
    void boundedRunEmitsEverySymbolsEventsMergedByTime() {
        EmbeddedMarketSource source = market().maxEventsPerSymbol(1_000).build();
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<MarketSplit> reader = reader(source)) {
            reader.addSplits(source.initialSplits());
            reader.notifyNoMoreSplits();
            FeedReaders.drain(reader, output);

            assertThat(reader.snapshotState(1)).isEmpty();
        }

        assertThat(output.getEmittedRecords())
                .hasSize(3_000)
                .isSortedAccordingTo(Comparator.comparingLong(MarketEvent::eventTimeMs));
        assertThat(ReferenceMarket.bySymbol(output.getEmittedRecords()))
                .isEqualTo(reference(source.config(), 1_000));
    }

    @Test
    void endTimeStopsEachSymbolBeforeItsFirstLaterEvent() {
        long endMs = START_MS + 60_000;
        EmbeddedMarketSource source = market().endTimeMs(endMs).build();
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<MarketSplit> reader = reader(source)) {
            reader.addSplits(source.initialSplits());
            reader.notifyNoMoreSplits();
            FeedReaders.drain(reader, output);
        }

        Map<String, List<MarketEvent>> emitted = ReferenceMarket.bySymbol(output.getEmittedRecords());
        for (String symbol : SYMBOLS) {
            List<MarketEvent> events = emitted.get(symbol);
            List<MarketEvent> expected = ReferenceMarket.events(source.config(), symbol, events.size() + 1);
            assertThat(events).isEqualTo(expected.subList(0, events.size()));
            assertThat(events.get(events.size() - 1).eventTimeMs()).isLessThan(endMs);
            assertThat(expected.get(events.size()).eventTimeMs()).isGreaterThanOrEqualTo(endMs);
        }
    }

    @Test
    void pollEmitsABoundedBatch() {
        EmbeddedMarketSource source = market().build();
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<MarketSplit> reader = reader(source)) {
            reader.addSplits(source.initialSplits());

            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.MORE_AVAILABLE);
        }

        assertThat(output.getEmittedRecords()).hasSize(MarketFeedReader.MAX_EVENTS_PER_POLL);
    }

    /** What exactly-once rests on: a reader restored from a snapshot continues the same streams. */
    @Test
    void restoredReaderEmitsExactlyTheRestOfAnUninterruptedRun() throws IOException {
        EmbeddedMarketSource source = market().maxEventsPerSymbol(2_000).build();
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();
        List<MarketSplit> snapshot;
        try (MarketFeedReader<MarketSplit> reader = reader(source)) {
            reader.addSplits(source.initialSplits());
            for (int poll = 0; poll < 5; poll++) {
                reader.pollNext(output);
            }
            snapshot = FeedReaders.throughSerializer(MarketSplitSerializer.INSTANCE, reader.snapshotState(1));
        }
        assertThat(snapshot).extracting(MarketSplit::eventsEmitted)
                .allMatch(emitted -> emitted > 0)
                .matches(counts -> counts.stream().mapToLong(Long::longValue).sum() == 5L * 256);

        try (MarketFeedReader<MarketSplit> restored = reader(source)) {
            restored.addSplits(snapshot);
            restored.notifyNoMoreSplits();
            FeedReaders.drain(restored, output);
        }

        assertThat(ReferenceMarket.bySymbol(output.getEmittedRecords()))
                .isEqualTo(reference(source.config(), 2_000));
    }

    @Test
    void pacedReaderWaitsForTheWallClockToReachTheNextEvent() {
        double speed = 2.0;
        EmbeddedMarketSource source = market().symbols(List.of("BTCUSDT"))
                .eventsPerSecondPerSymbol(2.0)
                .paced(true)
                .speed(speed)
                .build();
        List<MarketEvent> expected = ReferenceMarket.events(source.config(), "BTCUSDT", 20);
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<MarketSplit> reader = reader(source)) {
            reader.addSplits(source.initialSplits());
            long firstPollNanos = System.nanoTime();

            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            int emitted = output.getEmittedRecords().size();
            long gapMs = expected.get(emitted).eventTimeMs() - expected.get(0).eventTimeMs();
            long waitNanos = (long) (gapMs * 1e6 / speed);
            assertThat(emitted).isPositive();
            assertThat(waitNanos).as("this seed's gap is long enough to watch").isGreaterThan(100_000_000L);
            CompletableFuture<Void> due = reader.isAvailable();
            assertThat(due).isNotDone();

            await().atMost(Duration.ofSeconds(5)).until(due::isDone);
            assertThat(System.nanoTime() - firstPollNanos).isGreaterThanOrEqualTo(waitNanos);
            reader.pollNext(output);

            assertThat(output.getEmittedRecords()).hasSizeGreaterThan(emitted)
                    .isEqualTo(expected.subList(0, output.getEmittedRecords().size()));
        }
    }

    @Test
    void readerWithoutSplitsWaitsForThemOrEnds() {
        EmbeddedMarketSource source = market().paced(true).build();
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<MarketSplit> reader = reader(source)) {
            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            CompletableFuture<Void> available = reader.isAvailable();
            assertThat(available).isNotDone();

            reader.notifyNoMoreSplits();

            assertThat(available).isDone();
            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.END_OF_INPUT);
        }
    }

    private static EmbeddedMarketSourceBuilder market() {
        return EmbeddedMarketSource.builder().symbols(SYMBOLS).seed(5).startTimeMs(START_MS);
    }

    private static MarketFeedReader<MarketSplit> reader(EmbeddedMarketSource source) {
        return source.createReader(new TestingReaderContext());
    }

    private static Map<String, List<MarketEvent>> reference(EmbeddedMarketConfig config, int perSymbol) {
        List<MarketEvent> all = new ArrayList<>();
        for (String symbol : config.symbols()) {
            all.addAll(ReferenceMarket.events(config, symbol, perSymbol));
        }
        return ReferenceMarket.bySymbol(all);
    }
}
