package io.orderflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
}
