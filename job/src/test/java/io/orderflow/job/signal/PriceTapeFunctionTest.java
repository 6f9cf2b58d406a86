package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.orderflow.core.model.PriceRow;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceTapeFunctionTest {

    @Test
    void carriesTheTradeWithLatencyAndReceiveRate() throws Exception {
        var h = KeyedHarness.open(PriceTapeFunction::new, Trade::symbol, null);
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
}
