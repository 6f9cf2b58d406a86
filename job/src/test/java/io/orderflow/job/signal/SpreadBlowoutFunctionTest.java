package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.MarketNotice;
import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SpreadBlowoutFunctionTest {

    private static final String BTC = "BTCUSDT";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Spread ≥ 5× baseline and ≥ 2 bps; cool-down 60 s. */
    private static KeyedOneInputStreamOperatorTestHarness<String, BookTop, MarketNotice> harness() throws Exception {
        return KeyedHarness.open(() -> new SpreadBlowoutFunction(5.0, 2.0, 60), BookTop::symbol, null);
    }

    private static BookTop book(long t, double bid, double ask) {
        return new BookTop(BTC, t, t, t + 1, t, new double[] {bid}, new double[] {1}, new double[] {ask}, new double[] {1});
    }

    @Test
    void aSpreadBlowOutAgainstItsOwnBaseline() throws Exception {
        var h = harness();
        long t = 0;
        // 100 books of warm-up at a 1 bps spread: bid 9999.5, ask 10000.5 around a 10000 mid
        for (int i = 0; i < 100; i++) {
            h.processElement(book(t += 100, 9999.5, 10000.5), t);
        }
        h.processElement(book(t += 100, 9998, 10002), t); // 4 bps: < 5× baseline
        h.processElement(book(t += 100, 9997, 10003), t); // 6 bps ≥ 5 × ~1 and ≥ 2: fires
        long blowoutAt = t;
        h.processElement(book(t += 100, 9990, 10010), t); // same episode: suppressed
        List<MarketNotice> events = h.extractOutputValues();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(MarketNotice.SPREAD_BLOWOUT);
            assertThat(e.timeMs()).isEqualTo(blowoutAt);
            JsonNode meta = JSON.readTree(e.metaJson());
            assertThat(meta.get("spread_bps").asDouble()).isCloseTo(6.0, offset(1e-9));
            // baseline: 1 bps, then one update with 4 bps: 1 + 0.001 · 3
            assertThat(meta.get("baseline_bps").asDouble()).isCloseTo(1.003, offset(1e-9));
            assertThat(meta.get("bid").asDouble()).isEqualTo(9997);
            assertThat(meta.get("ask").asDouble()).isEqualTo(10003);
        });
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aTightBookNeverBlowsOutBelowTheAbsoluteFloor() throws Exception {
        var h = harness();
        long t = 0;
        for (int i = 0; i < 200; i++) {
            h.processElement(book(t += 100, 60_000.00, 60_000.01), t); // 0.0017 bps
        }
        h.processElement(book(t += 100, 60_000.00, 60_000.10), t); // 10 ticks: 0.017 bps < 2 bps
        h.processElement(book(t += 100, 0, 0), t); // empty book: no spread
        assertThat(h.extractOutputValues()).isEmpty();
        h.close();
    }
}
