package io.orderflow.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.MarketEvent;
import io.orderflow.model.TakerSide;
import io.orderflow.model.Trade;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TradeSequencerTest {

    private final BinanceSourceMetrics metrics = BinanceSourceMetrics.unregistered();
    private final Handoff handoff = new Handoff(100_000);
    private final SplitOutput out = new SplitOutput("spot-0", handoff);
    /** The exchange's trade history, served in pages of three from an id on. */
    private final List<Trade> history = LongStream.rangeClosed(1, 50).mapToObj(TradeSequencerTest::trade).toList();
    private final List<Long> pagesAskedFrom = new ArrayList<>();

    @Test
    void liveTradesInSequencePassThrough() throws InterruptedException {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);

        live(sequencer, 5, 6, 7);

        assertThat(emittedIds()).containsExactly(5L, 6L, 7L);
        assertThat(pagesAskedFrom).isEmpty();
    }

    @Test
    void duplicatesAreDroppedAndCounted() throws InterruptedException {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);

        live(sequencer, 5, 6, 6, 5, 7);

        assertThat(emittedIds()).containsExactly(5L, 6L, 7L);
        assertThat(metrics.count(BinanceSourceMetrics.DEDUP_HITS)).isEqualTo(2);
    }

    @Test
    void aJumpIsBackFilledPageByPageBeforeTheLiveTrade() throws InterruptedException {
        TradeSequencer sequencer = sequencer(TradeSequencer.NONE);

        live(sequencer, 3, 11, 12);

        assertThat(emittedIds()).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(pagesAskedFrom).containsExactly(4L, 7L, 10L);
        assertThat(metrics.count(BinanceSourceMetrics.GAPFILL_TRADES)).isEqualTo(7);
        assertThat(metrics.count(BinanceSourceMetrics.TRADE_GAPS)).isZero();
    }

    @Test
    void aRestoredSequenceBackFillsFromTheCheckpointedIdAndDropsWhatWasEmitted() throws InterruptedException {
        TradeSequencer sequencer = sequencer(20);

        live(sequencer, 19, 20, 23);

        assertThat(emittedIds()).containsExactly(21L, 22L, 23L);
        assertThat(metrics.count(BinanceSourceMetrics.DEDUP_HITS)).isEqualTo(2);
    }

    @Test
    void whatTheExchangeNoLongerHasIsCountedAsAGap() throws InterruptedException {
        TradeSequencer sequencer = new TradeSequencer("BTCUSDT", TradeSequencer.NONE, 100, fromId -> List.of(), metrics);

        live(sequencer, 3, 8);

        assertThat(emittedIds()).containsExactly(3L, 8L);
        assertThat(metrics.count(BinanceSourceMetrics.TRADE_GAPS)).isEqualTo(4);
    }

    @Test
    void aFailingBackFillIsRetriedThenGivenUp() throws InterruptedException {
        List<Long> attempts = new ArrayList<>();
        TradeSequencer sequencer = new TradeSequencer("BTCUSDT", TradeSequencer.NONE, 100, fromId -> {
            attempts.add(fromId);
            throw new IOException("HTTP 503");
        }, metrics);

        live(sequencer, 3, 6);

        assertThat(attempts).containsExactly(4L, 4L, 4L);
        assertThat(emittedIds()).containsExactly(3L, 6L);
        assertThat(metrics.count(BinanceSourceMetrics.TRADE_GAPS)).isEqualTo(2);
    }

    @Test
    void rawTradeGapsCannotBeBackFilledSoTheyAreCounted() throws InterruptedException {
        TradeSequencer sequencer = new TradeSequencer("BTCUSDT", TradeSequencer.NONE, 100, null, metrics);

        live(sequencer, 3, 4, 10);

        assertThat(emittedIds()).containsExactly(3L, 4L, 10L);
        assertThat(metrics.count(BinanceSourceMetrics.TRADE_GAPS)).isEqualTo(5);
    }

    private TradeSequencer sequencer(long lastEmitted) {
        return new TradeSequencer("BTCUSDT", lastEmitted, 100, fromId -> {
            pagesAskedFrom.add(fromId);
            return history.stream().filter(t -> t.tradeId() >= fromId).limit(3).toList();
        }, metrics);
    }

    private void live(TradeSequencer sequencer, long... ids) {
        for (long id : ids) {
            sequencer.onLive(trade(id), out);
        }
    }

    private List<Long> emittedIds() throws InterruptedException {
        return HandoffDrain.drain(handoff).stream().map(MarketEvent::trade).map(Trade::tradeId).toList();
    }

    private static Trade trade(long id) {
        return new Trade("BTCUSDT", 1_000 + id, 1_000 + id, 2_000 + id, 100.0 + id, 1.0, id, TakerSide.SELL);
    }
}
