package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.orderflow.core.model.PriceRow;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import io.orderflow.job.metrics.ProcessingLatency;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceTapeFunctionTest {

    @Test
    void carriesTheTradeWithLatencyAndReceiveRate() throws Exception {
        var h = KeyedHarness.open(() -> new PriceTapeFunction(false), Trade::symbol, null);
        // received once a second, 40 ms after the exchange sent it
        KeyedHarness.feed(h, List.of(
                new Trade("BTCUSDT", 10_000, 9_998, 10_040, 60_000.5, 0.01, 101, TakerSide.BUY),
                new Trade("BTCUSDT", 11_000, 10_999, 11_040, 60_001.0, 0.02, 102, TakerSide.SELL)),
                Trade::eventTimeMs);
        List<PriceRow> rows = h.extractOutputValues();
        assertThat(rows.get(0)).isEqualTo(new PriceRow(9_998, 10_000, "BTCUSDT", 60_000.5, 0.01, 101, 40, 0.0));
        PriceRow second = rows.get(1);
        assertThat(second.tsMs()).isEqualTo(10_999);
        assertThat(second.latencyMs()).isEqualTo(40);
        // one interval of 1 s, τ = 10 s: 0.1 / (1 − e^{−0.1})
        assertThat(second.recvRateTps()).isCloseTo(0.1 / -Math.expm1(-0.1), offset(1e-12));
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void measuresReceiveToRowOverWholeMinutesOfProcessingTime() throws Exception {
        RegisteredMetrics metrics = new RegisteredMetrics();
        try (var h = KeyedHarness.openWithMetrics(new PriceTapeFunction(true), Trade::symbol, metrics)) {
            // received at 60 s, 61 s, 62 s, 63 s, and turned into rows 2, 5, 1 and 30 ms later
            long[][] receivedAndProduced = {{60_000, 60_002}, {61_000, 61_005}, {62_000, 62_001}, {63_000, 63_030}};
            for (long[] times : receivedAndProduced) {
                h.setProcessingTime(times[1]);
                h.processElement(trade(times[0]), times[0]);
            }
            assertThat(metrics.gauge(ProcessingLatency.KIND, "prices", ProcessingLatency.P50).getValue())
                    .as("no minute closed yet").isEqualTo(Double.NaN);
            h.setProcessingTime(120_000); // opens the next minute
            h.processElement(trade(119_999), 119_999);
            // n = 4 (1, 2, 5, 30 ms): ranks ceil(0.5·4) = 2 and ceil(0.95·4) = 4
            assertThat(metrics.gauge(ProcessingLatency.KIND, "prices", ProcessingLatency.P50).getValue()).isEqualTo(2.0);
            assertThat(metrics.gauge(ProcessingLatency.KIND, "prices", ProcessingLatency.P95).getValue()).isEqualTo(30.0);
        }
    }

    @Test
    void measuresNoProcessingLatencyWithoutLocalReceiveTimes() throws Exception {
        RegisteredMetrics metrics = new RegisteredMetrics();
        try (var h = KeyedHarness.openWithMetrics(new PriceTapeFunction(false), Trade::symbol, metrics)) {
            h.processElement(trade(60_000), 60_000);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(metrics.has(ProcessingLatency.P50)).isFalse();
        }
    }

    private static Trade trade(long receiveTimeMs) {
        return new Trade("BTCUSDT", receiveTimeMs - 40, receiveTimeMs - 41, receiveTimeMs, 60_000.5, 0.01, receiveTimeMs,
                TakerSide.BUY);
    }
}
