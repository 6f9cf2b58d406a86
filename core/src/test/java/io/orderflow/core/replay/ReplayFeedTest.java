package io.orderflow.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import io.orderflow.core.replay.CaptureFormat.CaptureWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-made spot session in the capture format, replayed with K = 2. */
class ReplayFeedTest {

    private static final String DEPTH = "btcusdt@depth@100ms";
    private static final long E = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private Recording recording;

    @BeforeEach
    void writeSession() throws IOException {
        Path file = dir.resolve("session.gz");
        try (CaptureWriter writer = CaptureFormat.writer(file)) {
            // Buffered until the snapshot; then it bridges it (101 <= 102 <= 102).
            writer.write(ws(1_000, DEPTH, diff(100, 101, 102, "[[\"10.5\",\"1\"]]", "[]")));
            writer.write(ws(1_001, "btcusdt@trade", "{\"e\":\"trade\",\"E\":" + (E + 50) + ",\"s\":\"BTCUSDT\","
                    + "\"t\":5,\"p\":\"10.5\",\"q\":\"2\",\"T\":" + (E + 49) + ",\"m\":false,\"M\":true}"));
            writer.write(frame(1_002, "rest:/api/v3/depth?symbol=BTCUSDT&limit=1000", "{\"lastUpdateId\":101,"
                    + "\"bids\":[[\"10\",\"1\"],[\"9\",\"2\"]],\"asks\":[[\"11\",\"1\"],[\"12\",\"2\"]]}"));
            // The ticker comes before the diff that ends at its id.
            writer.write(ws(1_003, "btcusdt@bookTicker",
                    "{\"u\":103,\"s\":\"BTCUSDT\",\"b\":\"10.5\",\"B\":\"1\",\"a\":\"10.8\",\"A\":\"3\"}"));
            writer.write(ws(1_004, DEPTH, diff(200, 103, 103, "[]", "[[\"10.8\",\"3\"]]")));
            writer.write(ws(1_005, "btcusdt@kline_1m", "{\"e\":\"kline\",\"E\":" + E + ",\"s\":\"BTCUSDT\",\"k\":{}}"));
            writer.write(ws(1_006, "btcusdt@trade", "{\"e\":\"trade\",\"E\":"));
            // 104 is missing: a gap, then buffered again.
            writer.write(ws(1_007, DEPTH, diff(300, 105, 106, "[]", "[]")));
            writer.write(ws(1_008, DEPTH, diff(400, 107, 107, "[]", "[]")));
        }
        recording = Recording.capture(file);
    }

    @Test
    void replaysTradesBooksAndGapsInFileOrder() throws IOException {
        List<MarketEvent> events = replay(recording);

        // The first diff asks for a snapshot, which is read ahead as a live request would have got it:
        // the book comes at once, before the trade that was received while it was asked for.
        assertThat(events.subList(0, 4)).containsExactly(
                MarketEvent.of(book(E + 100, 1_000, 102, new double[] {10.5, 10.0}, new double[] {1, 1},
                        new double[] {11.0, 12.0}, new double[] {1, 2})),
                MarketEvent.of(new Trade("BTCUSDT", E + 50, E + 49, 1_001, 10.5, 2.0, 5, TakerSide.BUY)),
                MarketEvent.of(book(E + 200, 1_004, 103, new double[] {10.5, 10.0}, new double[] {1, 1},
                        new double[] {10.8, 11.0}, new double[] {3, 1})),
                MarketEvent.of(new MarketNotice("BTCUSDT", E + 300, MarketNotice.BOOK_RESYNC,
                        "{\"symbol\":\"BTCUSDT\",\"reason\":\"sequence_gap\",\"expected_id\":104,\"got_id\":105}")));
        // The recording ends with the book unsynced since the gap, but it had books: only the summary follows.
        assertThat(events.get(4).notice()).isEqualTo(new MarketNotice("BTCUSDT", 1_008, MarketNotice.FEED_SUMMARY,
                "{\"symbol\":\"BTCUSDT\",\"messages\":9,\"trades\":1,\"books\":2,\"depth_messages\":4,\"snapshots\":1,"
                        + "\"unbridged_snapshots\":0,\"gaps\":1,\"resyncs\":1,\"trade_gaps\":0,\"backfilled\":0,"
                        + "\"dedup_hits\":0,\"ticker_checks\":1,\"ticker_mismatches\":0,\"unsupported\":1,\"malformed\":1}"));
        assertThat(events).hasSize(5);
    }

    @Test
    void countsWhatItSaw() throws IOException {
        try (ReplayFeed feed = new ReplayFeed(recording, MarketType.SPOT, 2)) {
            feed.skip(Long.MAX_VALUE);

            assertThat(feed.stats()).isEqualTo(new ReplayStats(
                    9, 1, 1, 1, 2, 1, 0, 1, 1, 0));
            assertThat(feed.emitted()).isEqualTo(5); // the four events and the symbol's summary
            assertThat(feed.hasNext()).isFalse();
            assertThatThrownBy(feed::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void skippingThenReadingOnGivesTheTailOfTheFullReplay() throws IOException {
        List<MarketEvent> all = replay(recording);
        for (int skip = 0; skip <= all.size(); skip++) {
            try (ReplayFeed feed = new ReplayFeed(recording, MarketType.SPOT, 2)) {
                assertThat(feed.skip(skip)).isEqualTo(skip);
                assertThat(drain(feed)).isEqualTo(all.subList(skip, all.size()));
            }
        }
    }

    private static BookTop book(long eventTimeMs, long receiveTimeMs, long updateId, double[] bidPrices,
            double[] bidQtys, double[] askPrices, double[] askQtys) {
        return new BookTop("BTCUSDT", eventTimeMs, eventTimeMs, receiveTimeMs, updateId,
                bidPrices, bidQtys, askPrices, askQtys);
    }

    /** A spot diff at {@code E + offsetMs}. */
    private static String diff(long offsetMs, long first, long last, String bids, String asks) {
        return "{\"e\":\"depthUpdate\",\"E\":" + (E + offsetMs) + ",\"s\":\"BTCUSDT\",\"U\":" + first
                + ",\"u\":" + last + ",\"b\":" + bids + ",\"a\":" + asks + "}";
    }

    private static RawFrame ws(long receiveTimeMs, String stream, String data) {
        return frame(receiveTimeMs, stream, "{\"stream\":\"" + stream + "\",\"data\":" + data + "}");
    }

    private static RawFrame frame(long receiveTimeMs, String stream, String payload) {
        return new RawFrame(receiveTimeMs, CaptureFormat.symbolOf(stream), stream, payload);
    }

    static List<MarketEvent> replay(Recording recording) throws IOException {
        try (ReplayFeed feed = new ReplayFeed(recording, MarketType.SPOT, 2)) {
            return drain(feed);
        }
    }

    static List<MarketEvent> drain(ReplayFeed feed) {
        List<MarketEvent> events = new ArrayList<>();
        while (feed.hasNext()) {
            events.add(feed.next());
        }
        return events;
    }
}
