package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.signal.PivotPaths;
import java.util.List;
import org.junit.jupiter.api.Test;

class PivotDivergenceFunctionTest {

    private static final String ETH = "ETHUSDT";

    /** Bar i of {@link PivotPaths} as a 1m kline: volume 10, taker buys (10 + delta) / 2. */
    private static KlineRow bar(int i) {
        double takerBuys = (10 + PivotPaths.DELTA[i]) / 2;
        double close = (PivotPaths.HIGH[i] + PivotPaths.LOW[i]) / 2;
        return new KlineRow(i * 60_000L, ETH, "1m", close, PivotPaths.HIGH[i], PivotPaths.LOW[i], close,
                10, 10 * close, takerBuys, 20, close);
    }

    @Test
    void pivotsAndDivergencesAtTheCloseOfTheConfirmingBar() throws Exception {
        var h = KeyedHarness.open(() -> new PivotDivergenceFunction(1, 60), KlineRow::symbol, null);
        for (int i = 0; i < PivotPaths.HIGH.length; i++) {
            h.processElement(bar(i), i * 60_000L + 59_999);
            // a 5m bar whose extremes would make pivots of their own: ignored
            h.processElement(new KlineRow(i * 60_000L, ETH, "5m", 1, 1000 * (i % 2), -1000 * (i % 2), 1, 1, 1, 1, 1, 1),
                    i * 60_000L + 59_999);
        }
        List<MarketNotice> events = h.extractOutputValues();
        assertThat(events).extracting(e -> e.timeMs() / 60_000 + " " + e.type()).containsExactly(
                "3 pivot_high", // bar 1, confirmed by bar 2, which closes at minute 3
                "4 pivot_low",
                "6 pivot_high",
                "6 bearish_divergence",
                "7 pivot_low",
                "7 bullish_divergence",
                "8 pivot_high",
                "10 pivot_low",
                "10 hidden_bullish_divergence",
                "11 pivot_high",
                "11 hidden_bearish_divergence");

        ObjectMapper json = new ObjectMapper();
        JsonNode bearish = json.readTree(events.get(3).metaJson());
        assertThat(bearish.get("pivot").asText()).isEqualTo("high");
        assertThat(bearish.get("previous_ts_ms").asLong()).isEqualTo(60_000);
        assertThat(bearish.get("previous_price").asDouble()).isEqualTo(105.0);
        assertThat(bearish.get("previous_cvd").asDouble()).isEqualTo(6.0); // Σ delta of bars 0..1
        assertThat(bearish.get("pivot_ts_ms").asLong()).isEqualTo(240_000);
        assertThat(bearish.get("price").asDouble()).isEqualTo(107.0);
        assertThat(bearish.get("cvd").asDouble()).isEqualTo(1.0);
        JsonNode pivot = json.readTree(events.get(0).metaJson());
        assertThat(pivot.get("symbol").asText()).isEqualTo(ETH);
        assertThat(pivot.get("bars").asInt()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
