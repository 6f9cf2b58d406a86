package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.PriceRow;
import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FeedAnomalyFunctionTest {

    private static final String ETH = "ETHUSDT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PriceRow trade(long eventMs, long latencyMs, long id) {
        return new PriceRow(eventMs - 1, eventMs, ETH, 2500, 1, id, latencyMs, 0);
    }

    /** Spike at baseline + 200 ms, gap 5 s, cool-down 60 s. */
    private static KeyedOneInputStreamOperatorTestHarness<String, PriceRow, MarketNotice>
            harness() throws Exception {
        return KeyedHarness.open(() -> new FeedAnomalyFunction(200, 5, 60), PriceRow::symbol, null);
    }

    @Test
    void aLatencySpikeIsMeasuredFromTheClockOffsetNotFromZero() throws Exception {
        var h = harness();
        long t = 0;
        long id = 0;
        // the recorder's clock runs 1.27 s behind the exchange: latency −1270 ms is the normal
        for (int i = 0; i < 100; i++) {
            h.processElement(trade(t += 50, -1270, id++), t);
        }
        h.processElement(trade(t += 50, -1080, id++), t); // +190 ms: no spike
        h.processElement(trade(t += 50, -1000, id++), t); // +270 ms: spike
        long spikeAt = t;
        h.processElement(trade(t += 50, -900, id++), t); // same episode
        List<MarketNotice> events = h.extractOutputValues();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(MarketNotice.LATENCY_SPIKE);
            assertThat(e.timeMs()).isEqualTo(spikeAt);
            JsonNode meta = JSON.readTree(e.metaJson());
            assertThat(meta.get("latency_ms").asLong()).isEqualTo(-1000);
            assertThat(meta.get("trade_id").asLong()).isEqualTo(101);
            // baseline −1270, then one update with −1080: −1270 + 0.001 · 190
            assertThat(meta.get("baseline_ms").asDouble()).isEqualTo(-1270 + 0.19, offset(1e-9));
        });
        h.close();
    }

    @Test
    void aGapIsAnEventOnlyWhenTheRegimeWasActive() throws Exception {
        var h = harness();
        long t = 0;
        long id = 0;
        // 10 minutes at 1 trade/s, then 30 s at 10 trades/s: the fast rate is far above the slow one
        for (int i = 0; i < 600; i++) {
            h.processElement(trade(t += 1000, 5, id++), t);
        }
        long quietGapFrom = t;
        h.processElement(trade(t += 6000, 5, id++), t); // 6 s gap, regime normal: no event
        for (int i = 0; i < 300; i++) {
            h.processElement(trade(t += 100, 5, id++), t);
        }
        long gapFrom = t;
        h.processElement(trade(t += 5000, 5, id++), t); // 5 s gap while active: event
        h.processElement(trade(t += 1000, 5, id++), t);
        List<MarketNotice> events = h.extractOutputValues();
        assertThat(quietGapFrom).isLessThan(gapFrom);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(MarketNotice.DATA_GAP);
            assertThat(e.timeMs()).isEqualTo(gapFrom + 5000);
            JsonNode meta = JSON.readTree(e.metaJson());
            assertThat(meta.get("gap_ms").asLong()).isEqualTo(5000);
            assertThat(meta.get("from_ts_ms").asLong()).isEqualTo(gapFrom);
            assertThat(meta.get("regime_before").asText()).isEqualTo("active");
        });
        h.close();
    }
}
