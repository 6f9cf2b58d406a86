package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    private static final Set<String> SYMBOLS = Set.of("BTCUSDT", "ETHUSDT");

    @Test
    void spotCombinedAndRawPaths() {
        Endpoint combined = Endpoint.parse("/stream?streams=btcusdt@aggTrade/ethusdt@depth5@100ms",
                MarketType.SPOT, SYMBOLS);
        assertThat(combined.combined()).isTrue();
        assertThat(combined.route()).contains(BinanceRoute.SPOT);
        assertThat(combined.streams()).extracting(Topic::of).containsExactly(
                Topic.of("BTCUSDT", StreamKind.AGG_TRADE), new Topic("ETHUSDT", StreamKind.PARTIAL_DEPTH, 5));

        Endpoint raw = Endpoint.parse("/ws/btcusdt%40depth%40100ms", MarketType.SPOT, SYMBOLS);
        assertThat(raw.combined()).isFalse();
        assertThat(raw.streams()).extracting(Topic::of).containsExactly(Topic.of("BTCUSDT", StreamKind.DIFF_DEPTH));
        assertThat(Endpoint.parse("/ws", MarketType.SPOT, SYMBOLS).streams()).isEmpty();
    }

    /** Recorders follow other speeds than the source's 100 ms: every one carries the same diffs. */
    @ParameterizedTest
    @ValueSource(strings = {"btcusdt@depth", "btcusdt@depth@0ms", "btcusdt@depth@100ms", "btcusdt@depth@250ms",
        "btcusdt@depth@500ms", "btcusdt@depth@1000ms", "btcusdt@depth@50ms"})
    void everyUpdateSpeedCarriesTheDiffs(String name) {
        assertThat(Endpoint.parse("/ws/" + name, MarketType.SPOT, SYMBOLS).streams()).singleElement()
                .satisfies(stream -> assertThat(Topic.of(stream)).isEqualTo(Topic.of("BTCUSDT", StreamKind.DIFF_DEPTH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ethusdt@depth20", "ethusdt@depth20@0ms", "ethusdt@depth20@250ms", "ethusdt@depth20@1000ms"})
    void everyUpdateSpeedCarriesThePartialBook(String name) {
        assertThat(Endpoint.parse("/public/ws/" + name, MarketType.USDM, SYMBOLS).streams()).singleElement()
                .satisfies(stream -> assertThat(Topic.of(stream))
                        .isEqualTo(new Topic("ETHUSDT", StreamKind.PARTIAL_DEPTH, 20)));
    }

    @Test
    void futuresRoutesDecideWhatIsDelivered() {
        Endpoint market = Endpoint.parse("/market/stream?streams=btcusdt@aggTrade", MarketType.USDM, SYMBOLS);
        Endpoint pub = Endpoint.parse("/public/ws/btcusdt@bookTicker", MarketType.USDM, SYMBOLS);
        Endpoint unrouted = Endpoint.parse("/stream", MarketType.USDM, SYMBOLS);
        assertThat(market.route()).contains(BinanceRoute.USDM_MARKET);
        assertThat(pub.route()).contains(BinanceRoute.USDM_PUBLIC);
        assertThat(unrouted.route()).isEqualTo(Optional.empty());
        assertThat(market.delivers(StreamKind.AGG_TRADE)).isTrue();
        assertThat(pub.delivers(StreamKind.AGG_TRADE)).isFalse();
        assertThat(market.delivers(StreamKind.DIFF_DEPTH)).isFalse();
        assertThat(pub.delivers(StreamKind.TRADE)).isTrue();
        assertThat(unrouted.delivers(StreamKind.BOOK_TICKER)).isFalse();
    }

    /** Coin-M has one path for everything, and contract symbols with an underscore. */
    @Test
    void coinmServesEveryStreamOnItsOnePath() {
        Set<String> contracts = Set.of("BTCUSD_PERP", "ETHUSD_211231");
        Endpoint endpoint = Endpoint.parse("/stream?streams=btcusd_perp@aggTrade/ethusd_211231@depth@0ms",
                MarketType.COINM, contracts);
        assertThat(endpoint.route()).contains(BinanceRoute.COINM);
        assertThat(endpoint.streams()).extracting(Topic::of).containsExactly(
                Topic.of("BTCUSD_PERP", StreamKind.AGG_TRADE), Topic.of("ETHUSD_211231", StreamKind.DIFF_DEPTH));
        for (StreamKind kind : StreamKind.values()) {
            assertThat(endpoint.delivers(kind)).as(kind.name()).isTrue();
        }
        assertThatThrownBy(() -> Endpoint.parse("/public/stream", MarketType.COINM, contracts))
                .hasMessageContaining("no such path");
        assertThatThrownBy(() -> Endpoint.parse("/ws/btcusd_perp@trade", MarketType.COINM, contracts))
                .hasMessageContaining("no such stream on COINM");
    }

    @Test
    void refusesUnknownPathsStreamsAndSymbols() {
        assertThatThrownBy(() -> Endpoint.parse("/market/stream", MarketType.SPOT, SYMBOLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parse("/streams", MarketType.SPOT, SYMBOLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parse("/ws/btcusdt@kline_1m", MarketType.SPOT, SYMBOLS))
                .hasMessageContaining("invalid stream name").hasMessageContaining("unsupported stream");
        assertThatThrownBy(() -> Endpoint.parse("/ws/BTCUSDT@aggTrade", MarketType.SPOT, SYMBOLS))
                .hasMessageContaining("invalid stream name").hasMessageContaining("not a lower-case symbol");
        assertThatThrownBy(() -> Endpoint.parse("/ws/xrpusdt@aggTrade", MarketType.SPOT, SYMBOLS))
                .hasMessageContaining("unknown symbol");
        assertThatThrownBy(() -> Endpoint.parse("/ws/btcusdt@depth@1s", MarketType.SPOT, SYMBOLS))
                .hasMessageContaining("invalid stream name");
    }
}
