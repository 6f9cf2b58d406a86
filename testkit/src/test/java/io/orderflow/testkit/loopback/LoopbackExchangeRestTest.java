package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.core.exchange.binance.MarketType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REST depth and aggTrades: paging agrees with the stream; bad parameters get Binance's errors. */
class LoopbackExchangeRestTest {

    @Test
    void aggTradesPagesFromAnIdMatchWhatWasStreamed() throws Exception {
        try (LoopbackExchange exchange = Fast.exchange(MarketType.USDM).build()) {
            exchange.start();
            try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/market/ws/ethusdt@aggTrade")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> client.messages().size() >= 60);
                List<JsonNode> streamed = client.messages().stream().map(WsClient::json).toList();
                long fromId = streamed.get(0).get("a").asLong();

                JsonNode first = page(exchange, "/fapi/v1/aggTrades?symbol=ETHUSDT&fromId=" + fromId + "&limit=30");
                long next = first.get(29).get("a").asLong() + 1;
                JsonNode second = page(exchange, "/fapi/v1/aggTrades?symbol=ETHUSDT&fromId=" + next + "&limit=30");
                assertThat(first).hasSize(30);
                assertThat(second).hasSize(30);
                for (int i = 0; i < 60; i++) {
                    JsonNode rest = i < 30 ? first.get(i) : second.get(i - 30);
                    JsonNode live = streamed.get(i);
                    assertThat(rest.get("a").asLong()).isEqualTo(fromId + i);
                    for (String field : List.of("p", "q", "f", "l", "T", "m")) {
                        assertThat(rest.get(field)).as("%s of trade %d", field, fromId + i).isEqualTo(live.get(field));
                    }
                }
            }
            JsonNode latest = page(exchange, "/fapi/v1/aggTrades?symbol=ETHUSDT");
            assertThat(latest.size()).isBetween(60, 500);
            for (int i = 1; i < latest.size(); i++) {
                assertThat(latest.get(i).get("a").asLong()).isEqualTo(latest.get(i - 1).get("a").asLong() + 1);
            }
            assertThat(latest.get(latest.size() - 1).get("a").asLong())
                    .isLessThanOrEqualTo(exchange.lastTradeId("ETHUSDT"));
            assertThat(exchange.publishedTradeIds("ETHUSDT")).contains(latest.get(0).get("a").asLong());
        }
    }

    @Test
    void spotDepthHonoursTheLimitAndBadRequestsGetBinanceErrors() throws Exception {
        try (LoopbackExchange exchange = Fast.exchange(MarketType.SPOT).build()) {
            exchange.start();
            JsonNode depth = page(exchange, "/api/v3/depth?symbol=BTCUSDT&limit=5");
            assertThat(depth.fieldNames()).toIterable().containsExactly("lastUpdateId", "bids", "asks");
            assertThat(depth.get("bids")).hasSize(5);
            assertThat(depth.get("asks")).hasSize(5);
            assertThat(depth.get("bids").get(0).get(0).asDouble())
                    .isGreaterThan(depth.get("bids").get(1).get(0).asDouble())
                    .isLessThan(depth.get("asks").get(0).get(0).asDouble());

            assertError(exchange, "/api/v3/depth?symbol=NOPE", 400, -1121, "Invalid symbol.");
            assertError(exchange, "/api/v3/aggTrades?limit=5", 400, -1102, "Mandatory parameter 'symbol'");
            assertError(exchange, "/api/v3/aggTrades?symbol=BTCUSDT&fromId=x1", 400, -1100, "fromId");
            assertError(exchange, "/api/v3/aggTrades?symbol=BTCUSDT&limit=1001", 400, -1130, "limit");
            assertError(exchange, "/fapi/v1/depth?symbol=BTCUSDT", 404, -1, "Not found");
        }
    }

    private static JsonNode page(LoopbackExchange exchange, String path) throws Exception {
        HttpResponse<String> response = Fast.get(exchange.restBaseUrl() + path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return WsClient.json(response.body());
    }

    private static void assertError(LoopbackExchange exchange, String path, int status, int code, String message)
            throws Exception {
        HttpResponse<String> response = Fast.get(exchange.restBaseUrl() + path);
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = WsClient.json(response.body());
        assertThat(error.get("code").asInt()).isEqualTo(code);
        assertThat(error.get("msg").asText()).contains(message);
    }
}
