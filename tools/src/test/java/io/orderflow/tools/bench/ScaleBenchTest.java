package io.orderflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.BinanceSymbols;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleBenchTest {

    @Test
    void defaultsAreFiveHundredSkewedSymbolsWithTheHarvestsCheckpoints() {
        ScaleBench.Settings settings = ScaleBench.Settings.parse();

        assertThat(settings).isEqualTo(new ScaleBench.Settings(500, 180, 600, 400, 1, 60, true, List.of()));
    }

    @Test
    void readsNumbersAndFlagsInAnyOrder() {
        ScaleBench.Settings settings = ScaleBench.Settings.parse("--skew", "0.8", "200", "--sink", "discard", "90",
                "--exchange-opts", "-Xmx256m -Xms256m", "--checkpoint-sec", "10");

        assertThat(settings).isEqualTo(
                new ScaleBench.Settings(200, 90, 600, 400, 0.8, 10, false, List.of("-Xmx256m", "-Xms256m")));
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> ScaleBench.Settings.parse("0")).hasMessageContaining("symbols must be 1 to 5000");
        assertThatThrownBy(() -> ScaleBench.Settings.parse("500", "5")).hasMessageContaining("at least 10");
        assertThatThrownBy(() -> ScaleBench.Settings.parse("many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ScaleBench.Settings.parse("--skew", "-1")).hasMessageContaining("--skew");
        assertThatThrownBy(() -> ScaleBench.Settings.parse("--sink", "s3")).hasMessageContaining("parquet or discard");
        assertThatThrownBy(() -> ScaleBench.Settings.parse("--rate", "5")).hasMessageContaining("unknown flag --rate");
        assertThatThrownBy(() -> ScaleBench.Settings.parse("--skew")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ScaleBench.Settings.parse("1", "20", "3")).hasMessageContaining("at most two");
    }

    @Test
    void symbolsAreDistinctBinanceSymbolsBusiestFirst() {
        List<String> symbols = ScaleBench.symbols(1_000);

        assertThat(symbols).startsWith("BTCUSDT", "ETHUSDT", "S0003USDT").doesNotHaveDuplicates()
                .allMatch(BinanceSymbols::isSymbol);
    }

    @Test
    void backPressureIsSustainedOnlyWhenItLastsSecondsInARow() {
        assertThat(ScaleBench.longestSpell(List.of(0L, 600L, 700L, 0L, 500L, 900L, 1000L, 499L))).isEqualTo(3);
        assertThat(ScaleBench.longestSpell(List.of())).isZero();
    }
}
