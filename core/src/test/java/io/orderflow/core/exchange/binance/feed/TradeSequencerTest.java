package io.orderflow.core.exchange.binance.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TradeSequencerTest {

    private final CountingMetrics metrics = new CountingMetrics();
    private final CollectingOutput out = new CollectingOutput();
    /** The exchange's trade history, served in pages of three from an id on. */
    private final List<Trade> history = LongStream.rangeClosed(1, 50).mapToObj(TradeSequencerTest::trade).toList();
    private final List<Long> pagesAskedFrom = new ArrayList<>();
    /** Pages deferred once, by the id they are asked from: how long the port says to wait. */
    private final Map<Long, Long> deferOnce = new HashMap<>();

    @Test
    void liveTradesInSequencePassThrough() {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);

        live(sequencer, 5, 6, 7);

        assertThat(emittedIds()).containsExactly(5L, 6L, 7L);
        assertThat(pagesAskedFrom).isEmpty();
    }

    @Test
    void duplicatesAreDroppedAndCounted() {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);

        live(sequencer, 5, 6, 6, 5, 7);

        assertThat(emittedIds()).containsExactly(5L, 6L, 7L);
        assertThat(metrics.count("dedupHit")).isEqualTo(2);
    }

    @Test
    void aJumpIsBackFilledPageByPageBeforeTheLiveTrade() {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);

        live(sequencer, 3, 11, 12);

        assertThat(emittedIds()).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(pagesAskedFrom).containsExactly(4L, 7L, 10L);
        assertThat(metrics.count("backfilled")).isEqualTo(7);
        assertThat(metrics.count("tradeGap")).isZero();
    }

    @Test
    void aRestoredSequenceBackFillsFromTheCheckpointedIdAndDropsWhatWasEmitted() {
        TradeSequencer sequencer = sequencer(20);

        live(sequencer, 19, 20, 23);

        assertThat(emittedIds()).containsExactly(21L, 22L, 23L);
        assertThat(metrics.count("dedupHit")).isEqualTo(2);
    }

    @Test
    void whatTheExchangeNoLongerHasIsCountedAsAGap() {
        TradeSequencer sequencer = new TradeSequencer("BTCUSDT", TradeSequencer.NONE, 100, fromId -> List.of(), metrics, new SymbolStats());

        live(sequencer, 3, 8);

        assertThat(emittedIds()).containsExactly(3L, 8L);
        assertThat(metrics.count("tradeGap")).isEqualTo(4);
    }

    @Test
    void tradesTheExchangeHasPrunedBeforeItsFirstPageAreCountedAsAGap() {
        // The exchange keeps ids 6 on: asked from 4, it answers from 6.
        TradeSequencer sequencer = new TradeSequencer("BTCUSDT", TradeSequencer.NONE, 100,
                fromId -> history.subList((int) Math.max(fromId, 6) - 1, 10), metrics, new SymbolStats());

        live(sequencer, 3, 11);

        assertThat(emittedIds()).containsExactly(3L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(metrics.count("tradeGap")).isEqualTo(2);
        assertThat(metrics.count("backfilled")).isEqualTo(5);
    }

    @Test
    void aFailedBackFillIsGivenUpAndItsTradesCountedAsAGap() {
        List<Long> attempts = new ArrayList<>();
        TradeSequencer sequencer = new TradeSequencer("BTCUSDT", TradeSequencer.NONE, 100, fromId -> {
            attempts.add(fromId);
            throw new IOException("HTTP 503");
        }, metrics, new SymbolStats());

        live(sequencer, 3, 6);

        assertThat(attempts).containsExactly(4L); // retrying is the port's business
        assertThat(emittedIds()).containsExactly(3L, 6L);
        assertThat(metrics.count("tradeGap")).isEqualTo(2);
    }

    @Test
    void rawTradeGapsCannotBeBackFilledSoTheyAreCounted() {
        TradeSequencer sequencer = new TradeSequencer("BTCUSDT", TradeSequencer.NONE, 100, null, metrics, new SymbolStats());

        live(sequencer, 3, 4, 10);

        assertThat(emittedIds()).containsExactly(3L, 4L, 10L);
        assertThat(metrics.count("tradeGap")).isEqualTo(5);
    }

    @Test
    void aDeferredPageHoldsTheLiveTradesAndEmitsNothingOutOfOrder() {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);
        deferOnce.put(4L, 500L);

        live(sequencer, 3, 11, 12, 13);

        assertThat(emittedIds()).containsExactly(3L);
        assertThat(pagesAskedFrom).containsExactly(4L); // not asked again before the port's time
        assertThat(metrics.count("backfillDeferred")).isEqualTo(1);
        assertThat(metrics.count("tradeGap")).isZero();
    }

    @Test
    void thePeriodicRetryWithNoNewTradeCompletesTheBackFillThenEmitsTheHeldTrades() {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);
        deferOnce.put(4L, 500L);
        live(sequencer, 3, 11, 12, 12, 13); // 11 comes at 2,011 ms: the page is due at 2,511

        assertThat(sequencer.retry(2_510, out)).isTrue();
        assertThat(emittedIds()).containsExactly(3L);

        assertThat(sequencer.retry(2_511, out)).isTrue();
        assertThat(emittedIds()).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(pagesAskedFrom).containsExactly(4L, 4L, 7L, 10L);
        assertThat(metrics.count("backfilled")).isEqualTo(7);
        assertThat(metrics.count("dedupHit")).as("12 held twice").isEqualTo(1);
        assertThat(metrics.count("tradeGap")).isZero();

        live(sequencer, 14);
        assertThat(emittedIds()).as("nothing held any more").containsExactly(14L);
    }

    @Test
    void aPageDeferredInTheMiddleOfABackFillResumesFromTheIdAfterTheLastEmitted() {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);
        deferOnce.put(7L, 300L);

        live(sequencer, 3, 11, 14); // the second page is deferred at 2,011 ms until 2,311
        assertThat(emittedIds()).containsExactly(3L, 4L, 5L, 6L);

        sequencer.onLive(trade(15, 2_311), out); // the symbol's next trade after that time retries
        assertThat(emittedIds()).containsExactly(7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(pagesAskedFrom).containsExactly(4L, 7L, 7L, 10L, 12L);
        assertThat(metrics.count("backfillDeferred")).as("one holding, however many pages deferred").isEqualTo(1);
        assertThat(metrics.count("tradeGap")).isZero();
    }

    @Test
    void pastTheHeldTradesCapTheBackFillIsGivenUpAsAGapAndTheHeldTradesGoOut() {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);
        deferOnce.put(4L, 3_600_000L);
        live(sequencer, 3);

        for (long id = 6; id < 6 + TradeSequencer.MAX_HELD; id++) {
            sequencer.onLive(trade(id), out);
        }
        assertThat(emittedIds()).containsExactly(3L);

        sequencer.onLive(trade(6 + TradeSequencer.MAX_HELD), out);
        List<Long> emitted = emittedIds();
        assertThat(emitted).hasSize(TradeSequencer.MAX_HELD + 1);
        assertThat(emitted).as("in order, without a hole past the gap")
                .isEqualTo(LongStream.rangeClosed(6, 6 + TradeSequencer.MAX_HELD).boxed().toList());
        assertThat(metrics.count("tradeGap")).isEqualTo(2);
        assertThat(pagesAskedFrom).containsExactly(4L);
    }

    @Test
    void theFeedsEndEmitsTheHeldTradesWithTheGapCounted() {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);
        deferOnce.put(4L, 3_600_000L);
        live(sequencer, 3, 8, 9);

        assertThat(sequencer.finish(out)).isTrue();

        assertThat(emittedIds()).containsExactly(3L, 8L, 9L);
        assertThat(metrics.count("tradeGap")).isEqualTo(4);
        assertThat(pagesAskedFrom).containsExactly(4L);
    }

    private TradeSequencer sequencer(long lastEmitted) {
        return new TradeSequencer("BTCUSDT", lastEmitted, 100, fromId -> {
            pagesAskedFrom.add(fromId);
            Long deferral = deferOnce.remove(fromId);
            if (deferral != null) {
                throw new RequestDeferred("aggTrades from " + fromId, deferral);
            }
            return history.stream().filter(t -> t.tradeId() >= fromId).limit(3).toList();
        }, metrics, new SymbolStats());
    }

    private void live(TradeSequencer sequencer, long... ids) {
        for (long id : ids) {
            sequencer.onLive(trade(id), out);
        }
    }

    private List<Long> emittedIds() {
        return out.drain().stream().map(MarketEvent::trade).map(Trade::tradeId).toList();
    }

    /** Received at 2,000 ms + its id. */
    private static Trade trade(long id) {
        return trade(id, 2_000 + id);
    }

    private static Trade trade(long id, long receiveTimeMs) {
        return new Trade("BTCUSDT", 1_000 + id, 1_000 + id, receiveTimeMs, 100.0 + id, 1.0, id, TakerSide.SELL);
    }
}
