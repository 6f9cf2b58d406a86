package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client following Binance's procedure (buffer diffs, fetch the REST snapshot, apply) keeps a
 * book with no gap whose top equals {@code @bookTicker} at every update id both report.
 */
class LoopbackExchangeBookSyncTest {

    @ParameterizedTest
    @EnumSource(MarketType.class)
    void aBookFromSnapshotAndDiffsMatchesTheTicker(MarketType market) throws Exception {
        try (LoopbackExchange exchange = Fast.exchange(market).build()) {
            exchange.start();
            String url = exchange.wsBaseUrl() + BinanceRoute.of(market, StreamKind.DIFF_DEPTH).pathPrefix()
                    + "/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker";
            try (WsClient client = WsClient.connect(url)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> !client.data("btcusdt@depth@100ms").isEmpty());
                HttpResponse<String> snapshot = Fast.get(exchange.restBaseUrl()
                        + market.depthPath() + "?symbol=BTCUSDT&limit=1000");
                assertThat(snapshot.statusCode()).isEqualTo(200);
                ClientBook book = new ClientBook(market, WsClient.json(snapshot.body()));
                assertThat(book.bids).hasSize(20);
                await().atMost(Duration.ofSeconds(5)).until(() -> client.data("btcusdt@depth@100ms").size() >= 25);

                Map<Long, String> tickers = new HashMap<>();
                client.data("btcusdt@bookTicker").forEach(t -> tickers.put(t.get("u").asLong(), ClientBook.top(t)));
                int compared = 0;
                int applied = 0;
                List<JsonNode> diffs = client.data("btcusdt@depth@100ms");
                for (JsonNode diff : diffs) {
                    if (book.apply(diff)) {
                        applied++;
                        String ticker = tickers.get(book.lastUpdateId());
                        if (ticker != null) {
                            assertThat(book.top()).as("top at u=%d", book.lastUpdateId()).isEqualTo(ticker);
                            compared++;
                        }
                    }
                }
                assertThat(applied).isGreaterThan(diffs.size() / 2);
                assertThat(compared).isGreaterThan(5);
            }
        }
    }
}
