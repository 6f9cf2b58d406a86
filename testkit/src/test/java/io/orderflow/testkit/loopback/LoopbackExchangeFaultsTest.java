package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.core.exchange.binance.MarketType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every injected fault, and Binance's own connection rules, as a client sees them. */
class LoopbackExchangeFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a bound, not a wait: a loaded CI machine is slow
    private static final Duration QUIET = Duration.ofMillis(700);

    /** Long enough for a message already under way to arrive. */
    private static final Duration SETTLE = Duration.ofMillis(100);

    private LoopbackExchange exchange;

    @AfterEach
    void close() {
        exchange.close();
    }

    @Test
    void droppedConnectionsEndAbruptlyAndClientsCanReconnect() throws Exception {
        exchange = start(Fast.exchange(MarketType.SPOT));
        try (WsClient first = WsClient.connect(exchange.wsBaseUrl() + "/ws/btcusdt@aggTrade");
                WsClient second = WsClient.connect(exchange.wsBaseUrl() + "/stream?streams=ethusdt@depth")) {
            await().atMost(WAIT).until(() -> exchange.connectionCount() == 2);
            exchange.dropConnections();
            assertThat(first.ended().get(WAIT.toSeconds(), TimeUnit.SECONDS)).doesNotContain("close 1000");
            assertThat(second.ended().get(WAIT.toSeconds(), TimeUnit.SECONDS)).doesNotContain("close 1000");
            await().atMost(WAIT).until(() -> exchange.connectionCount() == 0);
        }
        try (WsClient again = WsClient.connect(exchange.wsBaseUrl() + "/ws/btcusdt@aggTrade")) {
            await().atMost(WAIT).until(() -> again.messages().size() >= 3);
            assertThat(exchange.totalConnectionsAccepted()).isEqualTo(3);
        }
    }

    @Test
    void silenceStopsDataAndPingsWhileTheSocketStaysOpen() throws Exception {
        exchange = start(Fast.exchange(MarketType.USDM));
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/market/ws/btcusdt@aggTrade")) {
            await().atMost(WAIT).until(() -> client.messages().size() >= 5 && client.pings() >= 1);
            exchange.silence(true);
            long tradeBefore = exchange.lastTradeId("BTCUSDT");
            int messages = settled(client::messagesCount);
            int pings = settled(client::pings);
            await().during(QUIET).atMost(QUIET.plusSeconds(1))
                    .until(() -> client.messagesCount() == messages && client.pings() == pings);
            assertThat(exchange.connectionCount()).isEqualTo(1);
            assertThat(client.ended()).isNotDone();
            assertThat(exchange.lastTradeId("BTCUSDT")).as("the market goes on").isGreaterThan(tradeBefore);

            exchange.silence(false);
            await().atMost(WAIT).until(() -> client.messagesCount() > messages && client.pings() > pings);
        }
    }

    @Test
    void garbageReachesEveryClientOnce() throws Exception {
        exchange = start(Fast.exchange(MarketType.SPOT));
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/ws/btcusdt@depth5")) {
            await().atMost(WAIT).until(() -> exchange.connectionCount() == 1);
            String truncated = "{\"stream\":\"btcusdt@depth5\",\"data\":{\"lastUpdateId\":";
            exchange.sendGarbage(truncated);
            await().atMost(WAIT).until(() -> client.messages().contains(truncated));
            assertThat(client.messages()).filteredOn(m -> m.endsWith(":")).hasSize(1);
        }
    }

    @Test
    void aSkippedDiffIsAContinuityBreakTheClientCanSee() throws Exception {
        exchange = start(Fast.exchange(MarketType.USDM));
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/public/ws/btcusdt@depth@100ms")) {
            await().atMost(WAIT).until(() -> client.messages().size() >= 3);
            exchange.skipNextDiff("BTCUSDT");
            int before = client.messagesCount();
            await().atMost(WAIT).until(() -> client.messages().size() >= before + 5);
            List<JsonNode> diffs = client.messages().stream().map(WsClient::json).toList();
            long breaks = 0;
            for (int i = 1; i < diffs.size(); i++) {
                breaks += diffs.get(i).get("pu").asLong() != diffs.get(i - 1).get("u").asLong() ? 1 : 0;
            }
            assertThat(breaks).isEqualTo(1);
        }
    }

    @Test
    void aStallStopsTheMarketButNotPingsThenItResumesWithoutABurst() throws Exception {
        exchange = start(Fast.exchange(MarketType.SPOT));
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/ws/btcusdt@aggTrade")) {
            await().atMost(WAIT).until(() -> client.messages().size() >= 5);
            exchange.stall(Duration.ofMillis(1_500));
            long lastTrade = settled(() -> exchange.lastTradeId("BTCUSDT"));
            int messages = client.messagesCount();
            int pings = client.pings();
            await().during(QUIET).atMost(QUIET.plusSeconds(1))
                    .until(() -> exchange.lastTradeId("BTCUSDT") == lastTrade && client.messagesCount() == messages);
            assertThat(client.pings()).isGreaterThan(pings);
            await().atMost(WAIT).until(() -> exchange.lastTradeId("BTCUSDT") > lastTrade);
            // The clock froze rather than fell behind: the trades right after are a handful, not a backlog.
            assertThat(exchange.lastTradeId("BTCUSDT") - lastTrade).isLessThan(50);
        }
    }

    @Test
    void aPausedMarketIsQuietUntilResumed() throws Exception {
        exchange = start(Fast.exchange(MarketType.SPOT));
        exchange.pauseMarket(true);
        long lastTrade = settled(() -> exchange.lastTradeId("ETHUSDT"));
        await().during(QUIET).atMost(QUIET.plusSeconds(1)).until(() -> exchange.lastTradeId("ETHUSDT") == lastTrade);
        exchange.pauseMarket(false);
        await().atMost(WAIT).until(() -> exchange.lastTradeId("ETHUSDT") > lastTrade);
    }

    @Test
    void pingsArriveAndAClientThatStopsAnsweringIsCutOff() throws Exception {
        exchange = start(Fast.exchange(MarketType.SPOT));
        try (WsClient alive = WsClient.connect(exchange.wsBaseUrl() + "/ws/btcusdt@bookTicker");
                WsClient hung = WsClient.connect(exchange.wsBaseUrl() + "/ws/btcusdt@bookTicker")) {
            await().atMost(WAIT).until(() -> alive.pings() >= 2 && hung.pings() >= 1);
            hung.stopReading();
            // Three ping intervals without a pong, checked at the next ping: 0.6 to 0.8 s.
            await().atMost(WAIT).until(() -> exchange.connectionCount() == 1);
            int pings = alive.pings();
            await().atMost(WAIT).until(() -> alive.pings() >= pings + 3);
            assertThat(alive.ended()).isNotDone();
        }
    }

    @Test
    void tooManyIncomingMessagesCloseTheConnection() throws Exception {
        exchange = start(Fast.exchange(MarketType.SPOT));
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/stream")) {
            for (int i = 1; i <= 5; i++) {
                client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
            }
            await().atMost(WAIT).until(() -> client.messages().size() == 5);
            assertThat(client.ended()).isNotDone();
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":6}");
            assertThat(client.ended().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("close 1008");
            assertThat(client.messages()).hasSize(5);
        }
    }

    @Test
    void connectionsAreCutAtTheirMaximumAge() throws Exception {
        exchange = start(Fast.exchange(MarketType.USDM).maxConnectionAge(Duration.ofMillis(500)));
        try (WsClient client = WsClient.connect(exchange.wsBaseUrl() + "/public/ws/btcusdt@bookTicker")) {
            assertThat(client.ended().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("close 1001");
            assertThat(client.messages()).isNotEmpty();
        }
    }

    private static LoopbackExchange start(LoopbackExchange.Builder builder) {
        LoopbackExchange ex = builder.build();
        ex.start();
        return ex;
    }

    /** A value once whatever was already under way has landed. */
    private static <T> T settled(Callable<T> value) {
        return await().pollDelay(SETTLE).atMost(SETTLE.plusSeconds(1)).until(value, v -> true);
    }
}
