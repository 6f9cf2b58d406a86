package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Subscriptions, paths, routes and message shapes over real sockets, with the JDK client. */
class LoopbackExchangeStreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private LoopbackExchange exchange;

    @AfterEach
    void close() {
        exchange.close();
    }

    @Test
    void combinedStreamsByUrlAreWrappedWithTheirNames() throws Exception {
        exchange = start(MarketType.SPOT);
        try (WsClient client = WsClient.connect(
                exchange.wsBaseUrl() + "/stream?streams=btcusdt@aggTrade/ethusdt@depth@100ms/btcusdt@depth5")) {
            await().atMost(WAIT).until(() -> client.data("btcusdt@aggTrade").size() >= 5
                    && client.data("ethusdt@depth@100ms").size() >= 3 && client.data("btcusdt@depth5").size() >= 3);
            JsonNode trade = client.data("btcusdt@aggTrade").get(0);
            assertThat(trade.get("e").asText()).isEqualTo("aggTrade");
            assertThat(trade.get("s").asText()).isEqualTo("BTCUSDT");
            assertThat(trade.get("M").asBoolean()).isTrue();
            assertThat(trade.get("p").asText()).matches("\\d+\\.\\d{8}");
            assertThat(client.data("ethusdt@depth@100ms").get(0).get("s").asText()).isEqualTo("ETHUSDT");
            JsonNode partial = client.data("btcusdt@depth5").get(0);
            assertThat(partial.get("bids")).hasSize(5);
            assertThat(partial.has("lastUpdateId")).isTrue();
            assertThat(exchange.subscriptions())
                    .containsExactly("btcusdt@aggTrade", "btcusdt@depth5", "ethusdt@depth@100ms");
        }
    }

    @Test
    void aSingleStreamUrlGetsBareDataWithContiguousTradeIds() throws Exception {
        exchange = start(MarketType.SPOT);
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/ws/btcusdt@aggTrade")) {
            await().atMost(WAIT).until(() -> client.messages().size() >= 50);
            List<Long> ids = client.messages().stream().map(WsClient::json).map(m -> m.get("a").asLong()).toList();
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
            }
            assertThat(exchange.publishedTradeIds("BTCUSDT")).containsSubsequence(ids);
        }
    }

    @Test
    void subscribeIsAcknowledgedBeforeItsFirstMessage() throws Exception {
        exchange = start(MarketType.SPOT);
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/stream")) {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\",\"ethusdt@trade\"],\"id\":1}");
            await().atMost(WAIT).until(() -> client.data("ethusdt@trade").size() >= 3);
            assertThat(client.messages().get(0)).isEqualTo("{\"result\":null,\"id\":1}");
            JsonNode ticker = client.data("btcusdt@bookTicker").get(0);
            assertThat(ticker.fieldNames()).toIterable().containsExactly("u", "s", "b", "B", "a", "A");
            assertThat(client.data("ethusdt@trade").get(0).get("t").asLong()).isPositive();

            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"two\"}");
            await().atMost(WAIT).until(() -> client.messages().contains(
                    "{\"result\":[\"btcusdt@bookTicker\",\"ethusdt@trade\"],\"id\":\"two\"}"));

            client.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethusdt@trade\"],\"id\":3}");
            await().atMost(WAIT).until(() -> exchange.subscriptions().equals(List.of("btcusdt@bookTicker")));

            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"dogeusdt@trade\"],\"id\":4}");
            client.send("this is not json");
            await().atMost(WAIT).until(
                    () -> client.messages().stream().filter(m -> m.contains("\"error\"")).count() == 2);
            JsonNode invalid = client.messages().stream().map(WsClient::json)
                    .filter(m -> m.path("id").asInt() == 4).findFirst().orElseThrow();
            assertThat(invalid.get("error").get("code").asInt()).isEqualTo(2);
            assertThat(exchange.subscriptions()).containsExactly("btcusdt@bookTicker");
        }
    }

    @Test
    void futuresRouteAggTradesToMarketOnlyAndAckThemElsewhereInSilence() throws Exception {
        exchange = start(MarketType.USDM);
        String subscribe = "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":7}";
        try (WsClient market = WsClient.connect(exchange.wsBaseUrl() + "/market/stream?streams=btcusdt@aggTrade");
                WsClient publicRoute = WsClient.connect(exchange.wsBaseUrl() + "/public/stream");
                WsClient unrouted = WsClient.connect(exchange.wsBaseUrl() + "/stream");
                WsClient book = WsClient.connect(exchange.wsBaseUrl() + "/public/ws/btcusdt@depth@100ms")) {
            publicRoute.send(subscribe);
            unrouted.send(subscribe);
            await().atMost(WAIT).until(() -> publicRoute.messages().size() == 1 && unrouted.messages().size() == 1);
            int marketSoFar = market.messages().size();
            await().atMost(WAIT).until(
                    () -> market.messages().size() >= marketSoFar + 50 && book.messages().size() >= 5);

            assertThat(publicRoute.messages()).containsExactly("{\"result\":null,\"id\":7}");
            assertThat(unrouted.messages()).containsExactly("{\"result\":null,\"id\":7}");
            JsonNode trade = market.data("btcusdt@aggTrade").get(0);
            assertThat(trade.has("M")).isFalse();
            assertThat(trade.get("p").asText()).matches("\\d+\\.\\d");
            assertThat(WsClient.json(book.messages().get(0)).get("pu").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void unknownPathsAndStreamsAreRefusedAtTheHandshake() {
        exchange = start(MarketType.USDM);
        assertThatThrownBy(() -> WsClient.connect(exchange.wsBaseUrl() + "/v2/stream"))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThatThrownBy(() -> WsClient.connect(exchange.wsBaseUrl() + "/public/ws/xrpusdt@depth"))
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(exchange.totalConnectionsAccepted()).isZero();
    }

    @ParameterizedTest
    @EnumSource(MarketType.class)
    void spotDiffsAreContinuousAndFuturesDiffsChainByPreviousId(MarketType market) throws Exception {
        exchange = start(market);
        String route = BinanceRoute.of(market, StreamKind.DIFF_DEPTH).pathPrefix();
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + route + "/ws/ethusdt@depth@100ms")) {
            await().atMost(WAIT).until(() -> client.messages().size() >= 20);
            List<JsonNode> diffs = client.messages().stream().map(WsClient::json).toList();
            int jumps = 0;
            for (int i = 1; i < diffs.size(); i++) {
                long previousU = diffs.get(i - 1).get("u").asLong();
                if (market == MarketType.SPOT) {
                    assertThat(diffs.get(i).get("U").asLong()).isEqualTo(previousU + 1);
                } else {
                    assertThat(diffs.get(i).get("pu").asLong()).isEqualTo(previousU);
                    jumps += diffs.get(i).get("U").asLong() > previousU + 1 ? 1 : 0;
                }
            }
            if (market.isFutures()) {
                assertThat(jumps).as("futures U jumps past previous u + 1").isPositive();
            }
        }
    }

    private static LoopbackExchange start(MarketType market) {
        LoopbackExchange ex = Fast.exchange(market).build();
        ex.start();
        return ex;
    }
}
