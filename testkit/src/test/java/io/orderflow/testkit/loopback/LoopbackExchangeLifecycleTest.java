package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.core.exchange.binance.MarketType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoopbackExchangeLifecycleTest {

    @Test
    void closeStopsEveryThreadTheExchangeStarted() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        LoopbackExchange exchange = Fast.exchange(MarketType.USDM).build();
        exchange.start();
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/public/ws/btcusdt@depth")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> client.messages().size() >= 2);
            assertThat(Fast.get(exchange.restBaseUrl() + "/fapi/v1/depth?symbol=BTCUSDT").statusCode()).isEqualTo(200);
            assertThat(startedSince(before)).isNotEmpty();
            exchange.close();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(startedSince(before)).isEmpty());
            assertThat(client.ended().get()).startsWith("close 1001");
        }
        exchange.close();
    }

    @Test
    void startsOnceAndRefusesBadSettings() {
        try (LoopbackExchange exchange = Fast.exchange(MarketType.SPOT).build()) {
            exchange.start();
            assertThatThrownBy(exchange::start).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> exchange.lastTradeId("XRPUSDT")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> LoopbackExchange.builder().symbols(List.of("btcusdt")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoopbackExchange.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fast.exchange(MarketType.SPOT).pingInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fast.exchange(MarketType.SPOT).symbols(List.of("BTCUSDT", "BTCUSDT")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Threads of the exchange alive now that were not before (the test's own HTTP client and Awaitility aside). */
    private static Set<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(name -> !name.startsWith("HttpClient") && !name.startsWith("ForkJoinPool")
                        && !name.startsWith("awaitility"))
                .collect(Collectors.toSet());
    }
}
