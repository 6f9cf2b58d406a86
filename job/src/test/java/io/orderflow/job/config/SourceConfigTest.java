package io.orderflow.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.MarketType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceConfigTest {

    @Test
    void defaultsReadTheEmbeddedMarketAndBinanceFuturesWhenAsked() {
        OrderflowConfig config = OrderflowConfig.defaults();
        assertThat(config.source()).isEqualTo(SourceKind.EMBEDDED);
        assertThat(config.binanceMarket()).isEqualTo(MarketType.USDM);
        assertThat(config.binanceWsUrl()).isEmpty();
        assertThat(config.binanceRestUrl()).isEmpty();
        assertThat(config.bookTicker()).isTrue();
        assertThat(config.silenceTimeoutSec()).isEqualTo(60);
        assertThat(config.capture()).isFalse();
        assertThat(config.replayFiles()).isEmpty();
    }

    @Test
    void urlsAreCheckedForTheirSchemeAndLoseATrailingSlash() {
        OrderflowConfig config = OrderflowConfig.load(new String[] {
            "--source", "binance", "--binance-market", "SPOT",
            "--binance-ws-url", "ws://127.0.0.1:9000/", "--binance-rest-url", "http://127.0.0.1:9001"}, Map.of());
        assertThat(config.source()).isEqualTo(SourceKind.BINANCE);
        assertThat(config.binanceMarket()).isEqualTo(MarketType.SPOT);
        assertThat(config.binanceWsUrl()).contains("ws://127.0.0.1:9000");
        assertThat(config.binanceRestUrl()).contains("http://127.0.0.1:9001");

        assertThatThrownBy(() -> OrderflowConfig.load(new String[] {"--binance-ws-url", "http://x"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("BINANCE_WS_URL=http://x")
                .hasMessageContaining("ws:// or wss://");
    }

    /** Coin-M contracts carry an underscore: BTCUSD_PERP, ETHUSD_211231 (a quarterly delivery). */
    @Test
    void coinmTakesContractSymbols() {
        OrderflowConfig config = OrderflowConfig.load(new String[] {
            "--source", "binance", "--binance-market", "coinm", "--symbols", "btcusd_perp,ETHUSD_211231"}, Map.of());
        assertThat(config.binanceMarket()).isEqualTo(MarketType.COINM);
        assertThat(config.symbols()).containsExactly("BTCUSD_PERP", "ETHUSD_211231");
        assertThat(config.toMap()).containsEntry("BINANCE_MARKET", "coinm");
    }

    @Test
    void flagsAreTrueOrFalse() {
        assertThat(OrderflowConfig.load(new String[0], Map.of("CAPTURE", "TRUE")).capture()).isTrue();
        assertThatThrownBy(() -> OrderflowConfig.load(new String[0], Map.of("CAPTURE", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CAPTURE=yes")
                .hasMessageContaining("true or false")
                .hasMessageContaining("environment variable CAPTURE");
    }

    @Test
    void aTrueOrFalseFlagAloneMeansTrueButOtherFlagsNeedAValue() {
        OrderflowConfig config = OrderflowConfig.load(
                new String[] {"--allow-unsynced", "--book-sync-timeout-sec", "5", "--capture"}, Map.of());
        assertThat(config.allowUnsynced()).isTrue();
        assertThat(config.capture()).isTrue();
        assertThat(config.bookSyncTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(OrderflowConfig.load(new String[] {"--allow-unsynced", "false"}, Map.of()).allowUnsynced()).isFalse();
        assertThat(OrderflowConfig.load(new String[0], Map.of()).allowUnsynced()).isFalse();
        assertThatThrownBy(() -> OrderflowConfig.load(new String[] {"--book-sync-timeout-sec"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flag --book-sync-timeout-sec needs a value");
    }

    @Test
    void replayNeedsRecordings() {
        assertThatThrownBy(() -> OrderflowConfig.load(new String[] {"--source", "replay"}, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("REPLAY_FILES")
                .hasMessageContaining("SOURCE=replay");
        OrderflowConfig config = OrderflowConfig.load(
                new String[] {"--source", "replay", "--replay-files", " a.ws.1.0 , b.gz "}, Map.of());
        assertThat(config.replayFiles()).isEqualTo(List.of("a.ws.1.0", "b.gz"));
    }

    @Test
    void connectionSettingsDoNotChangeTheFingerprintButTheMarketDoes() {
        OrderflowConfig config = OrderflowConfig.defaults();
        assertThat(config.with("BINANCE_WS_URL", "ws://127.0.0.1:1").with("SILENCE_TIMEOUT_SEC", "5").fingerprint())
                .isEqualTo(config.fingerprint());
        assertThat(config.with("BINANCE_MARKET", "spot").fingerprint()).isNotEqualTo(config.fingerprint());
    }
}
