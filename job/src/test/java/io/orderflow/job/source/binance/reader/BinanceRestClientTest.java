package io.orderflow.job.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.feed.RequestDeferred;
import io.orderflow.core.exchange.binance.feed.RestAnswer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A back-fill page is asked for again while the exchange fails, rather than given up as a gap; but
 * never waits for the request budget: a page it cannot pay for now is deferred.
 */
class BinanceRestClientTest {

    private static final String PAGE = "[{\"a\":7,\"p\":\"100.0\",\"q\":\"1\",\"f\":7,\"l\":7,\"T\":1,\"m\":false}]";

    private HttpServer server;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger tooManyLeft = new AtomicInteger();
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            synchronized (requests) {
                requests.add(exchange.getRequestURI().toString());
            }
            boolean tooMany = tooManyLeft.getAndDecrement() > 0;
            boolean fail = tooMany || failuresLeft.getAndDecrement() > 0;
            byte[] body = (fail ? "{\"code\":-1001,\"msg\":\"Internal error.\"}" : PAGE).getBytes(StandardCharsets.UTF_8);
            if (tooMany) {
                exchange.getResponseHeaders().add("Retry-After", "5");
            }
            exchange.sendResponseHeaders(tooMany ? 429 : fail ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFailingBackFillRequestIsTriedAgainUntilItIsAnswered() throws Exception {
        failuresLeft.set(3);
        RestAnswer answer = client().aggTrades("BTCUSDT", 7, 0);

        assertThat(answer.body()).isEqualTo(PAGE);
        assertThat(requests).hasSize(4).containsOnly("/api/v3/aggTrades?symbol=BTCUSDT&fromId=7&limit=1000");
    }

    @Test
    void aPageTheBudgetCannotPayForNowIsDeferredRatherThanWaitedFor() throws Exception {
        BinanceRestClient client = client(3_000); // spot's 6,000 a minute shared by 3,000 readers: one page a minute

        client.aggTrades("BTCUSDT", 7, 0);

        assertThatThrownBy(() -> client.aggTrades("BTCUSDT", 8, 0)).isInstanceOfSatisfying(RequestDeferred.class,
                deferred -> assertThat(deferred.retryAfterMs()).isBetween(1L, 60_001L));
        assertThat(requests).hasSize(1);
    }

    @Test
    void aFailedPageIsDeferredRatherThanTriedAgainOnceTheBudgetIsSpent() {
        failuresLeft.set(1);
        BinanceRestClient client = client(3_000);

        assertThatThrownBy(() -> client.aggTrades("BTCUSDT", 7, 0)).isInstanceOf(RequestDeferred.class);
        assertThat(requests).hasSize(1);
    }

    @Test
    void aPageAnsweredWithTooManyRequestsIsDeferredForTheRetryAfter() {
        tooManyLeft.set(1);

        assertThatThrownBy(() -> client().aggTrades("BTCUSDT", 7, 0)).isInstanceOfSatisfying(RequestDeferred.class,
                deferred -> assertThat(deferred.retryAfterMs()).isGreaterThanOrEqualTo(4_000));
        assertThat(requests).hasSize(1);
    }

    private BinanceRestClient client() {
        return client(1);
    }

    /** @param readers how many readers share spot's budget: the more, the smaller this client's share */
    private BinanceRestClient client(int readers) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new BinanceRestClient(http, base, MarketType.SPOT, Duration.ofSeconds(2), readers);
    }
}
