package io.orderflow.job.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.market.MarketSplit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

/** The reader over feeds that end, as recordings do (the embedded market never does). */
class MarketFeedReaderTest {

    private static final Playback TO_THE_END = new Playback(0, Long.MAX_VALUE, false, 1.0);
    private static final List<MarketEvent> BTC = ListFeed.trades("BTCUSDT", 5, 1_000, 10);
    private static final List<MarketEvent> ETH = ListFeed.trades("ETHUSDT", 3, 1_005, 10);

    /** Every feed the reader opened, by split id. */
    private final Map<String, ListFeed> opened = new HashMap<>();

    @Test
    void splitsEndWithTheirFeedsWhichAreThenClosed() {
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<MarketSplit> reader = reader()) {
            reader.addSplits(List.of(split("BTCUSDT", 0), split("ETHUSDT", 0)));
            reader.notifyNoMoreSplits();

            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.END_OF_INPUT);
            assertThat(opened.values()).hasSize(2).allMatch(ListFeed::isClosed);
        }

        assertThat(output.getEmittedRecords()).containsExactly(
                BTC.get(0), ETH.get(0), BTC.get(1), ETH.get(1), BTC.get(2), ETH.get(2), BTC.get(3), BTC.get(4));
    }

    @Test
    void restoredSplitContinuesAfterWhatItEmitted() {
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<MarketSplit> reader = reader()) {
            reader.addSplits(List.of(split("BTCUSDT", 2)));
            reader.notifyNoMoreSplits();
            reader.pollNext(output);
        }

        assertThat(output.getEmittedRecords()).isEqualTo(BTC.subList(2, 5));
    }

    @Test
    void splitRestoredAtItsEndEmitsNothingAndReleasesItsFeed() {
        TestingReaderOutput<MarketEvent> output = new TestingReaderOutput<>();

        try (MarketFeedReader<MarketSplit> reader = reader()) {
            reader.addSplits(List.of(split("ETHUSDT", 3)));
            reader.notifyNoMoreSplits();

            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.END_OF_INPUT);
            assertThat(reader.snapshotState(1)).isEmpty();
            assertThat(opened.get("ETHUSDT").isClosed()).isTrue();
        }

        assertThat(output.getEmittedRecords()).isEmpty();
    }

    @Test
    void closingTheReaderClosesTheFeedsStillOpen() {
        MarketFeedReader<MarketSplit> reader = reader();
        reader.addSplits(List.of(split("BTCUSDT", 0)));
        assertThat(opened.get("BTCUSDT").isClosed()).isFalse();

        reader.close();

        assertThat(opened.get("BTCUSDT").isClosed()).isTrue();
    }

    private MarketFeedReader<MarketSplit> reader() {
        return new MarketFeedReader<>(new TestingReaderContext(), split -> {
            ListFeed feed = new ListFeed(split.symbol().equals("BTCUSDT") ? BTC : ETH);
            opened.put(split.splitId(), feed);
            return feed;
        }, TO_THE_END);
    }

    private static MarketSplit split(String symbol, long emitted) {
        return new MarketSplit(symbol, 1, 1_000, emitted);
    }
}
