package io.orderflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeProcessTest {

    @Test
    void startsTheExchangeInItsOwnJvmAnswersStatsAndEndsOnClose() throws Exception {
        ExchangeProcess exchange = ExchangeProcess.start(List.of("BTCUSDT"), 50);
        try {
            assertThat(exchange.wsBaseUrl()).startsWith("ws://127.0.0.1:");
            assertThat(exchange.restBaseUrl()).startsWith("http://127.0.0.1:");
            HttpResponse<String> depth = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(exchange.restBaseUrl() + "/fapi/v1/depth?symbol=BTCUSDT&limit=5"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(depth.statusCode()).isEqualTo(200);
            assertThat(depth.body()).contains("\"lastUpdateId\"");
            long before = exchange.messagesSent();
            assertThat(before).isNotNegative(); // nobody subscribed: nothing to send yet
            assertThat(exchange.messagesSent()).isEqualTo(before);
        } finally {
            exchange.close();
        }
        assertThat(exchange.isAlive()).isFalse();
    }
}
