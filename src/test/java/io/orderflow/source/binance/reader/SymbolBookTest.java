package io.orderflow.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.exchange.binance.MarketType;
import io.orderflow.model.BookTicker;
import io.orderflow.model.DepthSnapshot;
import io.orderflow.model.DepthUpdate;
import io.orderflow.model.MarketEvent;
import io.orderflow.model.MarketNotice;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SymbolBookTest {

    private final BinanceSourceMetrics metrics = BinanceSourceMetrics.unregistered();
    private final Deque<DepthSnapshot> snapshots = new ArrayDeque<>();
    private final List<String> snapshotsTaken = new ArrayList<>();

    @Test
    void syncsFromASnapshotThenEmitsATopPerDiff() throws InterruptedException {
        Handoff handoff = new Handoff(100);
        SymbolBook book = book(handoff, null);
        snapshots.add(snapshot(100, 99.0, 101.0));

        book.onDiff(diff(95, 102, 99.5, 101.0));
        book.onDiff(diff(103, 104, 99.6, 101.0));
        book.onDiff(diff(105, 105, 99.7, 100.9));

        assertThat(snapshotsTaken).hasSize(1);
        List<MarketEvent> events = HandoffDrain.drain(handoff);
        assertThat(events).extracting(e -> e.book().updateId()).containsExactly(104L, 105L);
        assertThat(events.get(1).book().bidPrices()[0]).isEqualTo(99.7);
        assertThat(events.get(1).book().askPrices()[0]).isEqualTo(100.9);
    }

    @Test
    void aSequenceGapIsAnnouncedAndResyncedFromAFreshSnapshot() throws InterruptedException {
        Handoff handoff = new Handoff(100);
        SymbolBook book = book(handoff, null);
        snapshots.add(snapshot(100, 99.0, 101.0));
        snapshots.add(snapshot(110, 98.0, 102.0));
        book.onDiff(diff(101, 101, 99.5, 101.0));

        book.onDiff(diff(102, 103, 99.6, 101.0));
        book.onDiff(diff(106, 108, 99.7, 101.0)); // 104 and 105 never came
        book.onDiff(diff(109, 111, 98.5, 102.0));

        List<MarketEvent> events = HandoffDrain.drain(handoff);
        assertThat(events).hasSize(3);
        assertThat(events.get(0).book().updateId()).isEqualTo(103);
        MarketNotice notice = events.get(1).notice();
        assertThat(notice.type()).isEqualTo(MarketNotice.BOOK_RESYNC);
        assertThat(notice.metaJson())
                .isEqualTo("{\"symbol\":\"BTCUSDT\",\"reason\":\"sequence_gap\",\"expected_id\":104,\"got_id\":106}");
        assertThat(events.get(2).book().updateId()).isEqualTo(111);
        assertThat(events.get(2).book().bidPrices()[0]).isEqualTo(98.5);
        assertThat(snapshotsTaken).hasSize(2);
        assertThat(metrics.count(BinanceSourceMetrics.BOOK_RESYNCS)).isEqualTo(1);
    }

    @Test
    void aBookDroppedFromAFullHandoffMakesTheBookResyncOnceThereIsRoom() throws Exception {
        Handoff handoff = new Handoff(1);
        SymbolBook book = book(handoff, null);
        snapshots.add(snapshot(100, 99.0, 101.0));
        snapshots.add(snapshot(104, 97.0, 103.0));
        book.onDiff(diff(101, 101, 99.5, 101.0));
        handoff.put("spot-0", HandoffTest.trade(1)); // the reader lags: the hand-off is full

        CompletableFuture<Void> dropped = CompletableFuture.runAsync(() -> book.onDiff(diff(102, 102, 99.6, 101.0)));
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics.count(BinanceSourceMetrics.DEPTH_FRAMES_DROPPED) == 1);
        assertThat(HandoffDrain.drain(handoff)).containsExactly(HandoffTest.trade(1));
        dropped.get();

        book.onDiff(diff(103, 103, 99.7, 101.0)); // the notice still fills the hand-off: no snapshot yet
        assertThat(snapshotsTaken).hasSize(1);
        MarketNotice notice = HandoffDrain.drain(handoff).get(0).notice();
        assertThat(notice.metaJson()).contains("\"reason\":\"handoff_full\"", "\"dropped_update_id\":102");

        book.onDiff(diff(104, 105, 97.5, 103.0));
        book.onDiff(diff(106, 106, 97.6, 103.0));
        assertThat(snapshotsTaken).hasSize(2);
        assertThat(HandoffDrain.drain(handoff)).singleElement()
                .satisfies(e -> assertThat(e.book().updateId()).isEqualTo(106));
        assertThat(metrics.count(BinanceSourceMetrics.BOOK_RESYNCS)).isEqualTo(1);
    }

    @Test
    void tickersAreComparedWithTheBookAtTheirUpdateId() throws InterruptedException {
        Handoff handoff = new Handoff(100);
        SymbolBook book = book(handoff, new TickerCrossCheck("BTCUSDT", metrics));
        snapshots.add(snapshot(100, 99.0, 101.0));
        book.onDiff(diff(101, 101, 99.5, 101.0));

        book.onTicker(new BookTicker("BTCUSDT", 101, 0, 0, 99.5, 1.0, 101.0, 1.0)); // the book is there already
        book.onTicker(new BookTicker("BTCUSDT", 102, 0, 0, 99.6, 1.0, 101.0, 1.0)); // ahead of the book
        book.onTicker(new BookTicker("BTCUSDT", 103, 0, 0, 99.9, 1.0, 101.0, 1.0)); // will not match
        book.onDiff(diff(102, 102, 99.6, 101.0));
        book.onDiff(diff(103, 103, 99.7, 101.0));

        assertThat(metrics.count(BinanceSourceMetrics.BOOKTICKER_CHECKS)).isEqualTo(3);
        assertThat(metrics.count(BinanceSourceMetrics.BOOKTICKER_MISMATCHES)).isEqualTo(1);
    }

    private SymbolBook book(Handoff handoff, TickerCrossCheck check) {
        return new SymbolBook("BTCUSDT", MarketType.SPOT, 2, symbol -> {
            snapshotsTaken.add(symbol);
            return snapshots.poll();
        }, new SplitOutput("spot-0", handoff), metrics, check);
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
