package io.orderflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    @Test
    void theHistoryUrlIsDerivedFromTheEndpointUnlessSet() {
        ClientSettings settings = ClientSettings.defaults();
        assertThat(settings.historyUrl()).isEqualTo(URI.create("http://127.0.0.1:8000"));
        assertThat(settings.withEndpoint(URI.create("wss://example.org/ws/stream")).historyUrl())
                .isEqualTo(URI.create("https://example.org"));
        ClientSettings proxied = settings.withHistoryUrl(URI.create("https://proxy.example.org/orderflow"));
        assertThat(proxied.historyUrl()).isEqualTo(URI.create("https://proxy.example.org/orderflow"));
        assertThat(proxied.withBarsPerKey(10).historyUrl()).isEqualTo(URI.create("https://proxy.example.org/orderflow"));
        assertThat(proxied.withEndpoint(URI.create("ws://10.0.0.5:9000/ws/stream")).historyUrl())
                .as("a new endpoint derives it again").isEqualTo(URI.create("http://10.0.0.5:9000"));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> ClientSettings.defaults().withEndpoint(URI.create("http://127.0.0.1:8000/ws/stream")))
                .hasMessage("the endpoint must be a ws:// or wss:// URL, not 'http://127.0.0.1:8000/ws/stream'");
        assertThatThrownBy(() -> ClientSettings.defaults().withBarsPerKey(0)).hasMessage("bars per key must be positive, got 0");
        assertThatThrownBy(() -> ClientSettings.defaults().withHistoryPageLimit(100_001))
                .hasMessage("the history page limit must be between 1 and 100000, got 100001");
    }

    @Test
    void theEnvironmentSetsTheEndpointAndTheBarsSubscribedFromTheStart() {
        ClientSettings settings = ClientSettings.fromEnvironment(Map.of("WEBSOCKET_ENDPOINT", "ws://10.0.0.5:9000/ws/stream",
                "WEBSOCKET_SYMBOLS", "btcusdt, ETHUSDT,", "WEBSOCKET_RESOLUTIONS", "1m,1h"));
        assertThat(settings.endpoint()).isEqualTo(URI.create("ws://10.0.0.5:9000/ws/stream"));
        assertThat(settings.historyUrl()).isEqualTo(URI.create("http://10.0.0.5:9000"));
        assertThat(settings.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(settings.timeframes()).containsExactly(Timeframe.M1, Timeframe.H1);
        assertThat(ClientSettings.fromEnvironment(Map.of("WEBSOCKET_HISTORY_URL", "https://proxy.example.org/of", "WEBSOCKET_SYMBOLS", " ")))
                .isEqualTo(ClientSettings.defaults().withHistoryUrl(URI.create("https://proxy.example.org/of")));
        assertThat(ClientSettings.defaults().maxReconnectAttempts()).isEqualTo(ClientSettings.UNLIMITED);
        assertThatThrownBy(() -> ClientSettings.fromEnvironment(Map.of("WEBSOCKET_RESOLUTIONS", "1m,15m")))
                .hasMessage("unknown timeframe '15m' (1m, 5m, 1h)");
        assertThatThrownBy(() -> ClientSettings.defaults().withReconnect(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .hasMessage("the reconnect delays must be positive, the longest at least the first, got PT2S and PT1S");
        assertThat(ClientSettings.defaults().withBars(List.of("BTCUSDT"), List.of(Timeframe.M5)).timeframes())
                .containsExactly(Timeframe.M5);
    }
}
