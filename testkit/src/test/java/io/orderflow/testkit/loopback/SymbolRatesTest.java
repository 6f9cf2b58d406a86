package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymbolRatesTest {

    @Test
    void theKthSymbolRunsAtTheTopRateOverKToTheExponent() {
        Map<String, Double> rates = SymbolRates.zipf(List.of("AAA", "BBB", "CCC", "DDD"), 400, 1);

        assertThat(rates).containsExactly(Map.entry("AAA", 400.0), Map.entry("BBB", 200.0),
                Map.entry("CCC", 400.0 / 3), Map.entry("DDD", 100.0));
        assertThat(SymbolRates.total(rates)).isCloseTo(400 + 200 + 400.0 / 3 + 100, within(1e-9));
    }

    @Test
    void exponentZeroIsUniform() {
        assertThat(SymbolRates.zipf(List.of("AAA", "BBB"), 50, 0).values()).containsOnly(50.0);
    }

    @Test
    void refusesANonPositiveRateOrANegativeExponent() {
        assertThatThrownBy(() -> SymbolRates.zipf(List.of("AAA"), 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SymbolRates.zipf(List.of("AAA"), 1, -0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theExchangeRefusesRatesForSymbolsItDoesNotList() {
        assertThatThrownBy(() -> LoopbackExchange.builder().symbols(List.of("BTCUSDT"))
                .symbolRates(Map.of("ETHUSDT", 5.0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ETHUSDT");
    }
}
