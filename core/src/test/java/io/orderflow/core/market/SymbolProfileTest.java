package io.orderflow.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SymbolProfileTest {

    @Test
    void btcKeepsItsRealScale() {
        SymbolProfile btc = SymbolProfile.forSymbol("BTCUSDT");

        assertThat(btc.initialMidTicks()).isEqualTo(600_000L);
        assertThat(btc.tickSize()).isEqualTo(0.1);
        assertThat(btc.price(600_001L)).isEqualTo(60_000.1);
        // Median trade 2000 / 60000 = 0.0333 BTC; at least 20 lots in it needs lots of 0.001.
        assertThat(btc.lotSize()).isEqualTo(0.001);
        assertThat(btc.medianTradeLots()).isCloseTo(33.333, within(0.001));
        assertThat(btc.medianLevelLots()).isCloseTo(666.667, within(0.001));
    }

    @Test
    void ethKeepsItsRealScale() {
        SymbolProfile eth = SymbolProfile.forSymbol("ETHUSDT");

        assertThat(eth.initialMidTicks()).isEqualTo(300_000L);
        assertThat(eth.tickSize()).isEqualTo(0.01);
        // Median trade 2000 / 3000 = 0.667 ETH = 66.7 lots of 0.01.
        assertThat(eth.lotSize()).isEqualTo(0.01);
        assertThat(eth.medianTradeLots()).isCloseTo(66.667, within(0.001));
    }

    /** Coin-M trades whole contracts: 100 USD each for BTC, 10 USD for other coins, priced like the coin. */
    @Test
    void coinmContractsAreWholeAndWorthAFixedUsdAmount() {
        SymbolProfile btc = SymbolProfile.forSymbol("BTCUSD_PERP");
        SymbolProfile eth = SymbolProfile.forSymbol("ETHUSD_211231");

        assertThat(btc.initialMidTicks()).isEqualTo(600_000L);
        assertThat(btc.tickSize()).isEqualTo(0.1);
        assertThat(btc.lotSize()).isEqualTo(1.0);
        assertThat(btc.medianTradeLots()).isEqualTo(20.0); // 2000 USD in 100 USD contracts
        assertThat(eth.initialMidTicks()).isEqualTo(300_000L);
        assertThat(eth.lotSize()).isEqualTo(1.0);
        assertThat(eth.medianTradeLots()).isEqualTo(200.0); // 2000 USD in 10 USD contracts
        assertThat(eth.medianLevelLots()).isEqualTo(4_000.0);
    }

    @Test
    void otherSymbolsGetAStableScaleFromTheirName() {
        SymbolProfile sol = SymbolProfile.forSymbol("SOLUSDT");

        assertThat(SymbolProfile.forSymbol("SOLUSDT")).isEqualTo(sol);
        assertThat(SymbolProfile.forSymbol("XRPUSDT")).isNotEqualTo(sol);
        double mid = sol.price(sol.initialMidTicks());
        assertThat(mid).isBetween(0.01, 10_000.0);
        // Four to five significant digits of price: 10^4 to 10^5 ticks.
        assertThat(sol.initialMidTicks()).isBetween(10_000L, 100_000L);
        assertThat(sol.medianTradeLots()).isGreaterThanOrEqualTo(20.0);
    }
}
