package io.orderflow.core.exchange.binance.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolBookTest {

    private final CountingMetrics metrics = new CountingMetrics();
    private final SymbolStats stats = new SymbolStats();
    private final Deque<DepthSnapshot> snapshots = new ArrayDeque<>();
    private final List<String> snapshotsTaken = new ArrayList<>();
    /** Answers of the port that come before the snapshots: deferrals by so many ms. */
    private final Deque<Long> deferrals = new ArrayDeque<>();

    @Test
    void syncsFromASnapshotThenEmitsATopPerDiff() {
        CollectingOutput out = new CollectingOutput();
        SymbolBook book = book(out);
        snapshots.add(snapshot(100, 99.0, 101.0));

        book.onDiff(diff(95, 102, 99.5, 101.0));
        book.onDiff(diff(103, 104, 99.6, 101.0));
        book.onDiff(diff(105, 105, 99.7, 100.9));

        assertThat(snapshotsTaken).hasSize(1);
        List<MarketEvent> events = out.drain();
        // The snapshot applies the buffered diff: the book is at that diff's state at once.
        assertThat(events).extracting(e -> e.book().updateId()).containsExactly(102L, 104L, 105L);
        assertThat(events.get(2).book().bidPrices()[0]).isEqualTo(99.7);
        assertThat(events.get(2).book().askPrices()[0]).isEqualTo(100.9);
    }

    @Test
    void aSequenceGapIsAnnouncedAndResyncedFromAFreshSnapshot() {
        CollectingOutput out = new CollectingOutput();
        SymbolBook book = book(out);
        snapshots.add(snapshot(100, 99.0, 101.0));
        snapshots.add(snapshot(110, 98.0, 102.0));
        book.onDiff(diff(101, 101, 99.5, 101.0));

        book.onDiff(diff(102, 103, 99.6, 101.0));
        book.onDiff(diff(106, 108, 99.7, 101.0)); // 104 and 105 never came
        book.onDiff(diff(109, 111, 98.5, 102.0));

        List<MarketEvent> events = out.drain();
        assertThat(events).hasSize(4);
        assertThat(events.get(0).book().updateId()).isEqualTo(101);
        assertThat(events.get(1).book().updateId()).isEqualTo(103);
        MarketNotice notice = events.get(2).notice();
        assertThat(notice.type()).isEqualTo(MarketNotice.BOOK_RESYNC);
        assertThat(notice.metaJson())
                .isEqualTo("{\"symbol\":\"BTCUSDT\",\"reason\":\"sequence_gap\",\"expected_id\":104,\"got_id\":106}");
        assertThat(events.get(3).book().updateId()).isEqualTo(111);
        assertThat(events.get(3).book().bidPrices()[0]).isEqualTo(98.5);
        assertThat(snapshotsTaken).hasSize(2);
        assertThat(metrics.count("bookResync")).isEqualTo(1);
    }

    @Test
    void theResyncTakesFromTheGapsDiffToTheSnapshotThatSyncsTheBookAgain() {
        SymbolBook book = book(new CollectingOutput());
        snapshots.add(snapshot(100, 99.0, 101.0));
        snapshots.add(new DepthSnapshot("BTCUSDT", 110, 0, 2_150, new double[] {98.0}, new double[] {1.0},
                new double[] {102.0}, new double[] {1.0}));
        book.onDiff(diff(101, 101, 99.5, 101.0)); // the first sync is no resync: not timed

        book.onDiff(diff(106, 108, 99.7, 101.0)); // received at 2,108: the gap; the snapshot answers at 2,150

        assertThat(metrics.count("bookResync")).isEqualTo(1);
        assertThat(metrics.count("bookResynced")).isEqualTo(1);
        assertThat(metrics.count("bookResyncedMs")).isEqualTo(42);
    }

    @Test
    void aBookDroppedFromAFullOutputMakesTheBookResyncOnceThereIsRoom() {
        CollectingOutput out = new CollectingOutput(2);
        SymbolBook book = book(out);
        snapshots.add(snapshot(100, 99.0, 101.0));
        snapshots.add(snapshot(104, 97.0, 103.0));
        book.onDiff(diff(101, 101, 99.5, 101.0));
        out.put(MarketEvent.of(new io.orderflow.core.model.Trade("BTCUSDT", 1, 1, 1, 1.0, 1.0, 1,
                io.orderflow.core.model.TakerSide.BUY))); // the reader lags: the output is full

        book.onDiff(diff(102, 102, 99.6, 101.0));
        assertThat(metrics.count("depthFrameDropped")).isEqualTo(1);
        List<MarketEvent> lagging = out.drain();
        assertThat(lagging).hasSize(3);
        assertThat(lagging.get(2).notice().metaJson()).contains("\"reason\":\"handoff_full\"", "\"dropped_update_id\":102");

        book.onDiff(diff(103, 103, 99.7, 101.0)); // buffered: the caught-up reader has room, a snapshot is taken
        assertThat(snapshotsTaken).hasSize(2);
        book.onDiff(diff(104, 105, 97.5, 103.0));
        assertThat(out.drain()).singleElement().satisfies(e -> assertThat(e.book().updateId()).isEqualTo(105));
        assertThat(metrics.count("bookResync")).isEqualTo(1);
    }

    @Test
    void aDeferredSnapshotIsAskedForAgainWhenThePortSaysWhileTheDiffsBuffer() {
        CollectingOutput out = new CollectingOutput();
        SymbolBook book = book(out);
        deferrals.add(50L);
        snapshots.add(snapshot(100, 99.0, 101.0));

        book.onDiff(diff(95, 101, 99.5, 101.0)); // received at 2,101: deferred until 2,151
        book.onDiff(diff(102, 120, 99.6, 101.0)); // 2,120: not asked again yet
        assertThat(snapshotsTaken).hasSize(1);
        book.onDiff(diff(121, 160, 99.7, 100.9)); // 2,160: asked, and every buffered diff applied

        assertThat(snapshotsTaken).hasSize(2);
        assertThat(out.drain()).singleElement().satisfies(e -> assertThat(e.book().updateId()).isEqualTo(160));
        assertThat(stats.snapshots()).isEqualTo(1);
        assertThat(metrics.count("bookResync")).isZero();
    }

    @Test
    void tickersAreComparedWithTheBookAtTheirUpdateId() {
        CollectingOutput out = new CollectingOutput();
        SymbolBook book = book(new CollectingOutput());
        snapshots.add(snapshot(100, 99.0, 101.0));
        book.onDiff(diff(101, 101, 99.5, 101.0));

        book.onTicker(new BookTicker("BTCUSDT", 101, 0, 0, 99.5, 1.0, 101.0, 1.0)); // the book is there already
        book.onTicker(new BookTicker("BTCUSDT", 102, 0, 0, 99.6, 1.0, 101.0, 1.0)); // ahead of the book
        book.onTicker(new BookTicker("BTCUSDT", 103, 0, 0, 99.9, 1.0, 101.0, 1.0)); // will not match
        book.onDiff(diff(102, 102, 99.6, 101.0));
        book.onDiff(diff(103, 103, 99.7, 101.0));

        assertThat(metrics.count("tickerCheck")).isEqualTo(3);
        assertThat(metrics.count("tickerMismatch")).isEqualTo(1);
    }

    private SymbolBook book(CollectingOutput out) {
        FeedSettings settings = new FeedSettings(MarketType.SPOT, 2, 100, Duration.ofSeconds(30), false);
        return new SymbolBook("BTCUSDT", settings, (symbol, nowMs) -> {
            snapshotsTaken.add(symbol);
            Long deferral = deferrals.poll();
            if (deferral != null) {
                throw new RequestDeferred("depth of " + symbol, deferral);
            }
            DepthSnapshot next = snapshots.poll();
            if (next == null) {
                throw new java.io.IOException("no snapshot");
            }
            return next;
        }, out, metrics, stats);
    }

    /** A one-level book per side, so each diff sets the best bid (replacing the old one) and ask. */
    private static DepthSnapshot snapshot(long lastUpdateId, double bid, double ask) {
        return new DepthSnapshot("BTCUSDT", lastUpdateId, 0, 1, new double[] {bid}, new double[] {1.0},
                new double[] {ask}, new double[] {1.0});
    }

    private static DepthUpdate diff(long first, long last, double bid, double ask) {
        return new DepthUpdate("BTCUSDT", 1_000 + last, 1_000 + last, 2_000 + last, first, last,
                DepthUpdate.NO_PREVIOUS_ID, new double[] {bid}, new double[] {1.0}, new double[] {ask}, new double[] {1.0});
    }
}
