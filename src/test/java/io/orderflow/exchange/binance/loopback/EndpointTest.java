package io.orderflow.exchange.binance.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.exchange.binance.MarketType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static final Set<String> SYMBOLS = Set.of("BTCUSDT", "ETHUSDT");

    @Test
    void spotCombinedAndRawPaths() {
        Endpoint combined = Endpoint.parse("/stream?streams=btcusdt@aggTrade/ethusdt@depth5@100ms",
                MarketType.SPOT, SYMBOLS);
        assertThat(combined.combined()).isTrue();
        assertThat(combined.route()).isEqualTo(Route.ANY);
        assertThat(combined.streams()).extracting(StreamName::topic).containsExactly(
                Topic.of("BTCUSDT", StreamKind.AGG_TRADE), new Topic("ETHUSDT", StreamKind.PARTIAL_DEPTH, 5));

        Endpoint raw = Endpoint.parse("/ws/btcusdt%40depth%40100ms", MarketType.SPOT, SYMBOLS);
        assertThat(raw.combined()).isFalse();
        assertThat(raw.streams()).extracting(StreamName::topic)
                .containsExactly(Topic.of("BTCUSDT", StreamKind.DIFF_DEPTH));
        assertThat(Endpoint.parse("/ws", MarketType.SPOT, SYMBOLS).streams()).isEmpty();
    }

    @Test
    void futuresRoutesDecideWhatIsDelivered() {
        assertThat(Endpoint.parse("/market/stream?streams=btcusdt@aggTrade", MarketType.USDM, SYMBOLS).route())
                .isEqualTo(Route.MARKET);
        assertThat(Endpoint.parse("/public/ws/btcusdt@bookTicker", MarketType.USDM, SYMBOLS).route())
                .isEqualTo(Route.PUBLIC);
        assertThat(Endpoint.parse("/stream", MarketType.USDM, SYMBOLS).route()).isEqualTo(Route.NONE);
        assertThat(Route.MARKET.delivers(StreamKind.AGG_TRADE)).isTrue();
        assertThat(Route.PUBLIC.delivers(StreamKind.AGG_TRADE)).isFalse();
        assertThat(Route.MARKET.delivers(StreamKind.DIFF_DEPTH)).isFalse();
        assertThat(Route.PUBLIC.delivers(StreamKind.TRADE)).isTrue();
        assertThat(Route.NONE.delivers(StreamKind.BOOK_TICKER)).isFalse();
    }

    @Test
    void refusesUnknownPathsStreamsAndSymbols() {
        assertThatThrownBy(() -> Endpoint.parse("/market/stream", MarketType.SPOT, SYMBOLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parse("/streams", MarketType.SPOT, SYMBOLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parse("/ws/btcusdt@kline", MarketType.SPOT, SYMBOLS))
                .hasMessageContaining("invalid stream name");
        assertThatThrownBy(() -> Endpoint.parse("/ws/BTCUSDT@aggTrade", MarketType.SPOT, SYMBOLS))
                .hasMessageContaining("invalid stream name");
        assertThatThrownBy(() -> Endpoint.parse("/ws/xrpusdt@aggTrade", MarketType.SPOT, SYMBOLS))
                .hasMessageContaining("unknown symbol");
        assertThatThrownBy(() -> Endpoint.parse("/ws/btcusdt@depth@50ms", MarketType.SPOT, SYMBOLS))
                .hasMessageContaining("invalid stream name");
    }
}
