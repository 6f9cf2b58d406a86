package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.KlineUpdate;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class KlineFunctionTest {

    private static final String BTC = "BTCUSDT";

    private static KeyedOneInputStreamOperatorTestHarness<String, Trade, KlineRow> harness() throws Exception {
        return KeyedHarness.open(KlineFunction::new, Trade::symbol, null);
    }

    /** A trade at trade time {@code t}, emitted by the exchange 5 ms later. */
    private static Trade trade(long t, long id, double price, double qty, TakerSide side) {
        return new Trade(BTC, t + 5, t, t + 20, price, qty, id, side);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Trade, KlineRow> h, Trade trade)
            throws Exception {
        h.processElement(trade, trade.eventTimeMs());
    }

    @Test
    void barsCloseOnTheWatermarkWithOpenAndCloseByTradeTimeNotArrival() throws Exception {
        var h = harness();
        // minute 0, out of order: the trade at 0 arrives last but is the open
        send(h, trade(30_000, 2, 102.0, 2.0, TakerSide.SELL));
        send(h, trade(59_999, 3, 101.0, 1.0, TakerSide.BUY)); // last millisecond of minute 0
        send(h, trade(0, 1, 100.0, 1.0, TakerSide.BUY));
        send(h, trade(60_000, 4, 99.0, 0.5, TakerSide.SELL)); // first millisecond of minute 1

        h.processWatermark(59_998);
        assertThat(h.extractOutputValues()).isEmpty(); // minute 0 can still receive trades

        h.processWatermark(59_999);
        // minute 0: O 100 H 102 L 100 C 101; volume 1+2+1 = 4; quote 100+204+101 = 405;
        // taker buys 1+1 = 2; VWAP 405/4 = 101.25
        assertThat(h.extractOutputValues()).containsExactly(
                new KlineRow(0, BTC, "1m", 100, 102, 100, 101, 4, 405, 2, 3, 101.25));

        h.processWatermark(299_999);
        // minute 1 alone: one trade; the 5m bar holds all four:
        // volume 4.5, quote 405 + 49.5 = 454.5, VWAP 101, close 99 (trade time 60000)
        assertThat(h.extractOutputValues()).containsExactly(
                new KlineRow(0, BTC, "1m", 100, 102, 100, 101, 4, 405, 2, 3, 101.25),
                new KlineRow(60_000, BTC, "1m", 99, 99, 99, 99, 0.5, 49.5, 0, 1, 99),
                new KlineRow(0, BTC, "5m", 100, 102, 99, 99, 4.5, 454.5, 2, 4, 101));

        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues()).last().isEqualTo(
                new KlineRow(0, BTC, "1h", 100, 102, 99, 99, 4.5, 454.5, 2, 4, 101));
        assertThat(h.extractOutputValues()).hasSize(4);
        assertThat(h.getSideOutput(KlineFunction.LATE_TRADES)).isNull();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aTradeWhoseMinuteHasClosedIsLateCountedAndKeptAsAnEvent() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        var h = KeyedHarness.openWithMetrics(new KlineFunction(), Trade::symbol, metrics);
        send(h, trade(10_000, 1, 100.0, 1.0, TakerSide.BUY));
        h.processWatermark(59_998);
        send(h, trade(59_000, 2, 105.0, 1.0, TakerSide.BUY)); // minute 0 still open: in the bar
        h.processWatermark(59_999);
        send(h, trade(59_500, 3, 110.0, 3.0, TakerSide.SELL)); // minute 0 emitted: late
        send(h, trade(60_100, 4, 90.0, 1.0, TakerSide.SELL)); // minute 1: on time
        h.processWatermark(Long.MAX_VALUE);

        List<KlineRow> bars = h.extractOutputValues();
        assertThat(bars).filteredOn(b -> b.timeframe().equals("1m")).containsExactly(
                new KlineRow(0, BTC, "1m", 100, 105, 100, 105, 2, 205, 2, 2, 102.5),
                new KlineRow(60_000, BTC, "1m", 90, 90, 90, 90, 1, 90, 0, 1, 90));
        // the late trade is in no bar of any timeframe: 5m and 1h are the sum of their 1m bars
        assertThat(bars).filteredOn(b -> !b.timeframe().equals("1m")).allSatisfy(b -> {
            assertThat(b.tradeCount()).isEqualTo(3);
            assertThat(b.volume()).isEqualTo(3.0);
        });

        List<MarketNotice> late = h.getSideOutput(KlineFunction.LATE_TRADES).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(late).hasSize(1);
        MarketNotice notice = late.get(0);
        assertThat(notice.type()).isEqualTo(MarketNotice.LATE_TRADE);
        assertThat(notice.symbol()).isEqualTo(BTC);
        assertThat(notice.timeMs()).isEqualTo(59_500);
        JsonNode meta = new ObjectMapper().readTree(notice.metaJson());
        assertThat(meta.get("trade_id").asLong()).isEqualTo(3);
        assertThat(meta.get("price").asDouble()).isEqualTo(110.0);
        assertThat(meta.get("qty").asDouble()).isEqualTo(3.0);
        assertThat(meta.get("taker_side").asText()).isEqualTo("sell");
        assertThat(meta.get("watermark_ms").asLong()).isEqualTo(59_999);
        assertThat(meta.get("behind_watermark_ms").asLong()).isEqualTo(499);
        assertThat(((Counter) metrics.get(KlineFunction.LATE_TRADES_METRIC)).getCount()).isEqualTo(1);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void barsAreAlignedToUtcAndOpenBarsSurviveASnapshot() throws Exception {
        long hour = 1_723_161_600_000L; // 2024-08-09T00:00:00Z
        var h = harness();
        send(h, trade(hour - 1, 1, 50.0, 1.0, TakerSide.BUY));
        send(h, trade(hour, 2, 60.0, 1.0, TakerSide.BUY));
        var snapshot = h.snapshot(1, 1);
        h.close();

        var restored = KeyedHarness.open(KlineFunction::new, Trade::symbol, snapshot);
        restored.processWatermark(Long.MAX_VALUE);
        assertThat(restored.extractOutputValues()).extracting(KlineRow::tsMs, KlineRow::timeframe, KlineRow::close)
                .containsExactlyInAnyOrder(
                        tuple(hour - 60_000, "1m", 50.0),
                        tuple(hour - 300_000, "5m", 50.0),
                        tuple(hour - 3_600_000, "1h", 50.0),
                        tuple(hour, "1m", 60.0),
                        tuple(hour, "5m", 60.0),
                        tuple(hour, "1h", 60.0));
        restored.close();
    }

    @Test
    void withLiveOutputTheFormingBarGoesOutAtMostOnceASecondOfEventTimeThenTheClosedBarOnce() throws Exception {
        var h = KeyedHarness.open(() -> new KlineFunction(true), Trade::symbol, null);
        send(h, trade(100, 1, 100.0, 1.0, TakerSide.BUY));
        send(h, trade(400, 2, 101.0, 1.0, TakerSide.SELL));
        send(h, trade(900, 3, 99.0, 1.0, TakerSide.BUY)); // three trades in second 0: one update
        h.processWatermark(998);
        assertThat(h.getSideOutput(KlineFunction.LIVE_BARS)).isNull();
        h.processWatermark(999);
        List<KlineUpdate> second0 = h.getSideOutput(KlineFunction.LIVE_BARS).stream().map(StreamRecord::getValue).toList();
        KlineRow formed = new KlineRow(0, BTC, "1m", 100, 101, 99, 99, 3, 300, 2, 3, 100);
        assertThat(second0).containsExactly(
                new KlineUpdate(formed, false),
                new KlineUpdate(new KlineRow(0, BTC, "5m", 100, 101, 99, 99, 3, 300, 2, 3, 100), false),
                new KlineUpdate(new KlineRow(0, BTC, "1h", 100, 101, 99, 99, 3, 300, 2, 3, 100), false));

        h.processWatermark(5_000); // seconds 1 to 4 had no trade: no update
        assertThat(h.getSideOutput(KlineFunction.LIVE_BARS)).hasSize(3);

        send(h, trade(59_500, 4, 102.0, 1.0, TakerSide.BUY)); // the last second of minute 0: the bar closes then
        h.processWatermark(59_999);
        List<KlineUpdate> all = h.getSideOutput(KlineFunction.LIVE_BARS).stream().map(StreamRecord::getValue).toList();
        KlineRow closed = new KlineRow(0, BTC, "1m", 100, 102, 99, 102, 4, 402, 3, 4, 100.5);
        assertThat(all.subList(3, all.size())).containsExactly(
                new KlineUpdate(closed, true), // closed once, and no forming update of the same second before it
                new KlineUpdate(new KlineRow(0, BTC, "5m", 100, 102, 99, 102, 4, 402, 3, 4, 100.5), false),
                new KlineUpdate(new KlineRow(0, BTC, "1h", 100, 102, 99, 102, 4, 402, 3, 4, 100.5), false));
        assertThat(h.extractOutputValues()).containsExactly(closed); // Parquet keeps closed bars only

        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.getSideOutput(KlineFunction.LIVE_BARS).stream().map(StreamRecord::getValue))
                .filteredOn(KlineUpdate::closed)
                .extracting(u -> u.bar().timeframe())
                .containsExactly("1m", "5m", "1h");
        assertThat(h.extractOutputValues()).hasSize(3);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void withoutLiveOutputThereAreNoFormingBarsAndNoSecondTimers() throws Exception {
        var h = harness();
        send(h, trade(100, 1, 100.0, 1.0, TakerSide.BUY));
        send(h, trade(1_100, 2, 100.0, 1.0, TakerSide.BUY));
        assertThat(h.numEventTimeTimers()).isEqualTo(3); // one per open bar
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.getSideOutput(KlineFunction.LIVE_BARS)).isNull();
        assertThat(h.extractOutputValues()).hasSize(3);
        h.close();
    }
}
