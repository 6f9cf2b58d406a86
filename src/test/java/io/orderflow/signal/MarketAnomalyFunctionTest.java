package io.orderflow.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.model.BookTop;
import io.orderflow.model.FusionRow;
import io.orderflow.model.MarketNotice;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MarketAnomalyFunctionTest {

    private static final String BTC = "BTCUSDT";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** |score_z| ≥ 3; spread ≥ 5× baseline and ≥ 2 bps; cool-down 60 s. */
    private static KeyedTwoInputStreamOperatorTestHarness<String, FusionRow, BookTop, MarketNotice> harness()
            throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new MarketAnomalyFunction(3.0, 5.0, 2.0, 60)),
                FusionRow::symbol, BookTop::symbol, Types.STRING);
        h.open();
        return h;
    }

    private static FusionRow tick(long t, double scoreZ, boolean warmup) {
        return new FusionRow(t, BTC, scoreZ / 2, scoreZ, 1.0, -0.5, t - 10, t - 20, "active", warmup);
    }

    private static BookTop book(long t, double bid, double ask) {
        return new BookTop(BTC, t, t, t + 1, t, new double[] {bid}, new double[] {1}, new double[] {ask}, new double[] {1});
    }

    @Test
    void scoreExtremesPastWarmupOncePerCoolDown() throws Exception {
        var h = harness();
        h.processElement1(tick(1_000, 9.0, true), 1_000); // warming up: ignored
        h.processElement1(tick(2_000, -3.0, false), 2_000); // fires
        h.processElement1(tick(3_000, -7.0, false), 3_000); // same episode: suppressed
        h.processElement1(tick(4_000, 2.9, false), 4_000); // below threshold: not a trigger
        h.processElement1(tick(62_000, 4.0, false), 62_000); // 60 s later: fires again
        List<MarketNotice> events = h.extractOutputValues();
        assertThat(events).extracting(MarketNotice::timeMs).containsExactly(2_000L, 62_000L);
        assertThat(events).extracting(MarketNotice::type).containsOnly(MarketNotice.SCORE_EXTREME);
        JsonNode first = JSON.readTree(events.get(0).metaJson());
        assertThat(first.get("side").asText()).isEqualTo("sell");
        assertThat(first.get("score_z").asDouble()).isEqualTo(-3.0);
        assertThat(first.get("regime").asText()).isEqualTo("active");
        JsonNode second = JSON.readTree(events.get(1).metaJson());
        assertThat(second.get("side").asText()).isEqualTo("buy");
        assertThat(second.get("suppressed_before").asLong()).isEqualTo(1);
        h.close();
    }

    @Test
    void aSpreadBlowOutAgainstItsOwnBaseline() throws Exception {
        var h = harness();
        long t = 0;
        // 100 books of warm-up at a 1 bps spread: bid 9999.5, ask 10000.5 around a 10000 mid
        for (int i = 0; i < 100; i++) {
            h.processElement2(book(t += 100, 9999.5, 10000.5), t);
        }
        h.processElement2(book(t += 100, 9998, 10002), t); // 4 bps: < 5× baseline
        h.processElement2(book(t += 100, 9997, 10003), t); // 6 bps ≥ 5 × ~1 and ≥ 2: fires
        long blowoutAt = t;
        h.processElement2(book(t += 100, 9990, 10010), t); // same episode: suppressed
        List<MarketNotice> events = h.extractOutputValues();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(MarketNotice.SPREAD_BLOWOUT);
            assertThat(e.timeMs()).isEqualTo(blowoutAt);
            JsonNode meta = JSON.readTree(e.metaJson());
            assertThat(meta.get("spread_bps").asDouble()).isCloseTo(6.0, offset(1e-9));
            // baseline: 1 bps, then one update with 4 bps: 1 + 0.001 · 3
            assertThat(meta.get("baseline_bps").asDouble()).isCloseTo(1.003, offset(1e-9));
        });
        h.close();
    }

    @Test
    void aTightBookNeverBlowsOutBelowTheAbsoluteFloor() throws Exception {
        var h = harness();
        long t = 0;
        for (int i = 0; i < 200; i++) {
            h.processElement2(book(t += 100, 60_000.00, 60_000.01), t); // 0.0017 bps
        }
        h.processElement2(book(t += 100, 60_000.00, 60_000.10), t); // 10 ticks: 0.017 bps < 2 bps
        h.processElement2(book(t += 100, 0, 0), t); // empty book: no spread
        assertThat(h.extractOutputValues()).isEmpty();
        h.close();
    }
}
