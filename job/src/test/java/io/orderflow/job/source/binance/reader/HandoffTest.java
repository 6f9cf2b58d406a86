package io.orderflow.job.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HandoffTest {

    private static final String SPLIT = "spot-0";

    @Test
    void keepsArrivalOrder() throws InterruptedException {
        Handoff handoff = new Handoff(10);
        handoff.put(SPLIT, trade(1));
        handoff.offer(SPLIT, book("BTCUSDT", 1));
        handoff.putConflating(SPLIT, book("ETHUSDT", 2));

        assertThat(HandoffDrain.drain(handoff)).containsExactly(trade(1), book("BTCUSDT", 1), book("ETHUSDT", 2));
        assertThat(handoff.size()).isZero();
    }

    @Test
    void countsWhatEachSplitHasQueued() throws InterruptedException {
        Handoff handoff = new Handoff(3);
        handoff.put(SPLIT, trade(1));
        handoff.putConflating("spot-1", book("ETHUSDT", 1));
        handoff.putConflating(SPLIT, book("BTCUSDT", 1));
        assertThat(handoff.size(SPLIT)).isEqualTo(2);
        assertThat(handoff.size("spot-1")).isEqualTo(1);

        // full: the newer book replaces its split's queued one, the count stays
        assertThat(handoff.putConflating(SPLIT, book("BTCUSDT", 2))).isEqualTo(Handoff.Outcome.CONFLATED);
        assertThat(handoff.size(SPLIT)).isEqualTo(2);
        assertThat(handoff.size("spot-2")).as("a split with nothing queued yet").isZero();

        HandoffDrain.drain(handoff);
        assertThat(handoff.size(SPLIT)).isZero();
        assertThat(handoff.size("spot-1")).isZero();
    }

    @Test
    void offerRefusesWhenFull() throws InterruptedException {
        Handoff handoff = new Handoff(1);

        assertThat(handoff.offer(SPLIT, trade(1))).isTrue();
        assertThat(handoff.offer(SPLIT, trade(2))).isFalse();
        assertThat(HandoffDrain.drain(handoff)).containsExactly(trade(1));
    }

    @Test
    void whenFullANewerPartialBookReplacesTheQueuedOneOfItsSymbolAtTheTail() throws InterruptedException {
        Handoff handoff = new Handoff(3);
        handoff.putConflating(SPLIT, book("BTCUSDT", 1));
        handoff.put(SPLIT, trade(7));
        handoff.putConflating(SPLIT, book("ETHUSDT", 1));

        assertThat(handoff.putConflating(SPLIT, book("BTCUSDT", 2))).isEqualTo(Handoff.Outcome.CONFLATED);
        assertThat(handoff.putConflating(SPLIT, book("BTCUSDT", 3))).isEqualTo(Handoff.Outcome.CONFLATED);

        assertThat(HandoffDrain.drain(handoff)).containsExactly(trade(7), book("ETHUSDT", 1), book("BTCUSDT", 3));
    }

    @Test
    void aLongStallOfConflationsKeepsOnlyTheNewestBooksInOrder() throws InterruptedException {
        Handoff handoff = new Handoff(3);
        handoff.put(SPLIT, trade(1));
        handoff.putConflating(SPLIT, book("BTCUSDT", 0));
        handoff.putConflating(SPLIT, book("ETHUSDT", 0));

        // A reader stalled for 100,000 books: each one replaces its symbol's queued book.
        for (int id = 1; id <= 50_000; id++) {
            assertThat(handoff.putConflating(SPLIT, book("BTCUSDT", id))).isEqualTo(Handoff.Outcome.CONFLATED);
            assertThat(handoff.putConflating(SPLIT, book("ETHUSDT", id))).isEqualTo(Handoff.Outcome.CONFLATED);
        }

        assertThat(handoff.size()).isEqualTo(3);
        assertThat(handoff.size(SPLIT)).isEqualTo(3);
        assertThat(HandoffDrain.drain(handoff))
                .containsExactly(trade(1), book("BTCUSDT", 50_000), book("ETHUSDT", 50_000));
        assertThat(handoff.size()).isZero();
    }

    @Test
    void aBookDrainedIsNoLongerReplaced() throws InterruptedException {
        Handoff handoff = new Handoff(1);
        handoff.putConflating(SPLIT, book("BTCUSDT", 1));
        assertThat(HandoffDrain.drain(handoff)).containsExactly(book("BTCUSDT", 1));

        assertThat(handoff.putConflating(SPLIT, book("BTCUSDT", 2))).isEqualTo(Handoff.Outcome.ADDED);
        assertThat(HandoffDrain.drain(handoff)).containsExactly(book("BTCUSDT", 2));
    }

    @Test
    void putWaitsForRoomAndNothingIsLost() throws Exception {
        Handoff handoff = new Handoff(1);
        handoff.put(SPLIT, trade(1));

        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> put(handoff, trade(2)));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());

        assertThat(HandoffDrain.drain(handoff)).containsExactly(trade(1));
        assertThat(second.get()).isTrue();
        assertThat(HandoffDrain.drain(handoff)).containsExactly(trade(2));
    }

    @Test
    void closingASplitReleasesAWaitingPutAndRefusesItsEvents() throws Exception {
        Handoff handoff = new Handoff(1);
        handoff.put(SPLIT, trade(1));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> put(handoff, trade(2)));

        handoff.closeSplit(SPLIT);

        assertThat(waiting.get()).isFalse();
        assertThat(handoff.offer(SPLIT, trade(3))).isFalse();
        assertThat(handoff.offer("spot-1", trade(4))).as("other splits go on").isFalse(); // full
        assertThat(HandoffDrain.drain(handoff)).containsExactly(trade(1));
        assertThat(handoff.offer("spot-1", trade(4))).isTrue();
    }

    @Test
    void drainWaitsForAFirstEventOrAWakeUp() throws Exception {
        Handoff handoff = new Handoff(4);
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> drainWithin(handoff, Duration.ofMinutes(1)));
        handoff.put(SPLIT, trade(1));
        assertThat(drained.get()).isEqualTo(1);

        CompletableFuture<Integer> woken = CompletableFuture.supplyAsync(() -> drainWithin(handoff, Duration.ofMinutes(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            handoff.wakeUp();
            return woken.isDone();
        });
        assertThat(woken.get()).isZero();
    }

    @Test
    void headroomMeansLessThanHalfFull() throws InterruptedException {
        Handoff handoff = new Handoff(4);
        handoff.put(SPLIT, trade(1));
        assertThat(handoff.hasHeadroom()).isTrue();
        handoff.put(SPLIT, trade(2));
        assertThat(handoff.hasHeadroom()).isFalse();
    }

    private static boolean put(Handoff handoff, MarketEvent event) {
        try {
            return handoff.put(SPLIT, event);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int drainWithin(Handoff handoff, Duration timeout) {
        try {
            return handoff.drainTo(new org.apache.flink.connector.base.source.reader.RecordsBySplits.Builder<>(),
                    10, timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static MarketEvent trade(long id) {
        return MarketEvent.of(new Trade("BTCUSDT", 1_000 + id, 1_000 + id, 1_000 + id, 100.0, 1.0, id, TakerSide.BUY));
    }

    static MarketEvent book(String symbol, long updateId) {
        double[] one = {1.0};
        return MarketEvent.of(new BookTop(symbol, 1_000 + updateId, 1_000 + updateId, 1_000 + updateId, updateId,
                new double[] {99.0}, one, new double[] {101.0}, one));
    }
}
