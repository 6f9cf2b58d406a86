package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.MarketType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A busy exchange with short timings, so each socket test takes a second or two; and REST calls. */
final class Fast {

    static final Duration PING_INTERVAL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Fast() {}

    static LoopbackExchange.Builder exchange(MarketType market) {
        return LoopbackExchange.builder()
                .market(market)
                .symbols(List.of("BTCUSDT", "ETHUSDT"))
                .seed(42)
                .eventsPerSecondPerSymbol(500)
                .pingInterval(PING_INTERVAL);
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
