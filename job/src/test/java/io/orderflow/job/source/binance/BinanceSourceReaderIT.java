package io.orderflow.job.source.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import io.orderflow.job.source.binance.reader.BinanceSourceMetrics;
import io.orderflow.testkit.loopback.LoopbackExchange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.flink.metrics.HistogramStatistics;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reader against a Binance-compatible exchange on loopback, driven by hand (no MiniCluster), with
 * the exchange's faults: each test a few seconds.
 */
class BinanceSourceReaderIT {

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final Duration EXCHANGE_PING_INTERVAL = Duration.ofMillis(200);
    private static final int GAPS = 20;

    private LoopbackExchange exchange;
    private StubServer stub;
    private ReaderDriver reader;

    @AfterEach
    void tearDown() throws Exception {
        if (reader != null) {
            reader.close();
        }
        if (exchange != null) {
            exchange.close();
        }
        if (stub != null) {
            stub.stop(1_000);
        }
    }

    @Test
    void reconnectsWithinTwoSecondsOfADroppedConnectionAndBackFills() throws Exception {
        // The default backoff, 1 s ± 20 %. The JDK client now and then fails to report an abrupt
        // close; then the watchdog notices the silence, here within 0.5 s: 1.7 s at worst.
        start(MarketType.SPOT, source().silenceTimeout(Duration.ofMillis(500)));
        awaitTrades("BTCUSDT", 20);
        int accepted = exchange.totalConnectionsAccepted();

        long droppedAtMs = System.currentTimeMillis();
        long droppedAt = System.nanoTime();
        exchange.dropConnections();
        await(Duration.ofSeconds(2)).until(polling(() -> exchange.totalConnectionsAccepted() > accepted));
        long reconnectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - droppedAt);

        assertThat(reconnectMs).as("reconnect latency, ms").isBetween(700L, 2_000L);
        long lastBefore = exchange.lastTradeId("BTCUSDT");
        await(Duration.ofSeconds(10)).until(polling(() -> reader.count(BinanceSourceMetrics.WS_RECONNECTS) == 1
                && last(reader.tradeIds("BTCUSDT")) > lastBefore + 10 && reconnectNotices().size() == SYMBOLS.size()));
        assertContiguousWithoutDuplicates("BTCUSDT");
        assertContiguousWithoutDuplicates("ETHUSDT");
        assertTheReconnectIsInTheData(droppedAtMs);
    }

    /** One ws_reconnect notice per symbol of the one spot connection: the drop, its cause, how long it was down. */
    private void assertTheReconnectIsInTheData(long droppedAtMs) throws Exception {
        List<MarketNotice> reconnects = reconnectNotices();
        assertThat(reconnects).extracting(MarketNotice::symbol).containsExactlyElementsOf(SYMBOLS);
        for (MarketNotice notice : reconnects) {
            JsonNode meta = new ObjectMapper().readTree(notice.metaJson());
            assertThat(meta.path("connection").asText()).isEqualTo("spot-0");
            // A dropped socket is reported closed (1006) or failed, or else the watchdog hears the silence.
            assertThat(meta.path("cause").asText()).containsAnyOf("1006", "connection failed", "nothing received");
            // The default backoff (1 s ± 20 %) after noticing the drop, then the handshake: within the 2 s above.
            assertThat(meta.path("down_ms").asLong()).isBetween(800L, 2_000L);
            assertThat(meta.path("gap_ms").asLong()).isGreaterThanOrEqualTo(meta.path("down_ms").asLong());
            assertThat(notice.timeMs()).as("the gap starts at the last message before the drop")
                    .isBetween(droppedAtMs - 1_000, droppedAtMs + 500);
            assertThat(meta.path("symbols")).extracting(JsonNode::asText).containsExactlyElementsOf(SYMBOLS);
        }
    }

    @Test
    void aSilentConnectionIsReplacedAfterTheWatchdogTimeout() throws Exception {
        start(MarketType.SPOT, source().silenceTimeout(Duration.ofSeconds(1)).reconnectBackoff(
                Duration.ofMillis(100), Duration.ofMillis(500)));
        awaitTrades("BTCUSDT", 20);
        int accepted = exchange.totalConnectionsAccepted();

        long silencedAt = System.nanoTime();
        exchange.silence(true);
        await(Duration.ofSeconds(5)).until(polling(() -> exchange.totalConnectionsAccepted() > accepted));
        long replacedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silencedAt);
        exchange.silence(false);

        assertThat(replacedMs).as("silence until replaced, ms").isBetween(1_000L, 3_000L);
        long lastBefore = exchange.lastTradeId("BTCUSDT");
        await(Duration.ofSeconds(10)).until(polling(() -> last(reader.tradeIds("BTCUSDT")) > lastBefore + 10
                && !reconnectNotices().isEmpty()));
        assertThat(reader.count(BinanceSourceMetrics.WS_RECONNECTS)).isPositive();
        assertThat(reconnectNotices()).allSatisfy(notice ->
                assertThat(notice.metaJson()).contains("\"cause\":\"nothing received for "));
        assertContiguousWithoutDuplicates("BTCUSDT");
    }

    @Test
    void anOldConnectionIsReplacedAndNothingIsLost() throws Exception {
        start(MarketType.SPOT, source().maxConnectionAge(Duration.ofSeconds(1)));
        awaitTrades("BTCUSDT", 20);

        await(Duration.ofSeconds(10)).until(polling(() -> exchange.totalConnectionsAccepted() >= 3));
        long lastBefore = exchange.lastTradeId("BTCUSDT");
        await(Duration.ofSeconds(10)).until(polling(() -> last(reader.tradeIds("BTCUSDT")) > lastBefore));

        assertThat(reader.count(BinanceSourceMetrics.WS_RECONNECTS)).isGreaterThanOrEqualTo(2);
        assertContiguousWithoutDuplicates("BTCUSDT");
        assertContiguousWithoutDuplicates("ETHUSDT");
    }

    @Test
    void aBoundedRunEndsAtItsEndTime() throws Exception {
        long endTimeMs = System.currentTimeMillis() + 2_000;
        start(MarketType.SPOT, source().endTimeMs(endTimeMs));

        await(Duration.ofSeconds(10)).until(polling(() -> reader.ended()));

        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(endTimeMs);
        assertThat(reader.trades("BTCUSDT")).isNotEmpty();
        assertContiguousWithoutDuplicates("BTCUSDT");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> exchange.connectionCount() == 0);
    }

    @Test
    void pingsKeepAQuietConnectionAliveAndAreAnswered() throws Exception {
        // Silent markets send pings only: they must count as life (watchdog at 1 s), and the JDK
        // client must pong them (the exchange cuts a client owing a pong for 3 pings, 600 ms).
        start(MarketType.SPOT, source().silenceTimeout(Duration.ofSeconds(1)).pingInterval(Duration.ZERO));
        awaitTrades("BTCUSDT", 5);

        exchange.pauseMarket(true);
        await(Duration.ofSeconds(4)).during(Duration.ofSeconds(3))
                .until(polling(() -> exchange.totalConnectionsAccepted() == 1 && exchange.connectionCount() == 1));

        assertThat(reader.count(BinanceSourceMetrics.WS_RECONNECTS)).isZero();
    }

    @Test
    void garbageIsCountedAndTheStreamGoesOn() throws Exception {
        start(MarketType.SPOT, source());
        awaitTrades("BTCUSDT", 10);

        exchange.sendGarbage("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":oops");
        exchange.sendGarbage("\u0000\u0001 not json at all");
        exchange.sendGarbage("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\","
                + "\"a\":1,\"p\":\"NaN\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1,\"m\":true,\"M\":true}}");
        long lastBefore = exchange.lastTradeId("BTCUSDT");

        await(Duration.ofSeconds(10)).until(polling(() -> reader.count(BinanceSourceMetrics.PARSE_ERRORS) == 3
                && last(reader.tradeIds("BTCUSDT")) > lastBefore + 10));
        assertThat(reader.count(BinanceSourceMetrics.WS_RECONNECTS)).isZero();
        assertContiguousWithoutDuplicates("BTCUSDT");
    }

    @Test
    void aSkippedDiffIsAnnouncedAndTheBookResyncs() throws Exception {
        start(MarketType.SPOT, source().streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER));
        await(Duration.ofSeconds(10)).until(polling(() -> reader.books("BTCUSDT") >= 10
                && reader.count(BinanceSourceMetrics.BOOKTICKER_CHECKS) > 0));

        exchange.skipNextDiff("BTCUSDT");
        await(Duration.ofSeconds(10)).until(polling(() -> !reader.notices().isEmpty()));
        MarketNotice notice = reader.notices().get(0);
        long checksAtResync = reader.count(BinanceSourceMetrics.BOOKTICKER_CHECKS);
        long booksAtResync = reader.books("BTCUSDT");
        await(Duration.ofSeconds(10)).until(polling(() -> reader.books("BTCUSDT") >= booksAtResync + 10
                && reader.count(BinanceSourceMetrics.BOOKTICKER_CHECKS) > checksAtResync));

        assertThat(notice.symbol()).isEqualTo("BTCUSDT");
        assertThat(notice.type()).isEqualTo(MarketNotice.BOOK_RESYNC);
        assertThat(notice.metaJson()).contains("\"reason\":\"sequence_gap\"", "\"expected_id\":", "\"got_id\":");
        assertThat(reader.notices()).hasSize(1);
        assertThat(reader.count(BinanceSourceMetrics.BOOK_RESYNCS)).isEqualTo(1);
        assertThat(reader.count(BinanceSourceMetrics.BOOKTICKER_MISMATCHES)).isZero();
    }

    @Test
    void twentyDiffGapsOnTwoSymbolsAreEachAnnouncedAndResynced() throws Exception {
        start(MarketType.SPOT, source().streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER));
        await(Duration.ofSeconds(10)).until(polling(() -> reader.books("BTCUSDT") >= 10 && reader.books("ETHUSDT") >= 10
                && reader.count(BinanceSourceMetrics.BOOKTICKER_CHECKS) > 0));

        for (int gap = 1; gap <= GAPS; gap++) {
            String symbol = SYMBOLS.get(gap % SYMBOLS.size());
            int gaps = gap;
            exchange.skipNextDiff(symbol);
            // Announced, then synced again: the resync is timed when its snapshot syncs the book.
            await(Duration.ofSeconds(10)).until(polling(() -> reader.notices().size() == gaps
                    && reader.metrics().times(BinanceSourceMetrics.BOOK_RESYNC_MS).size() == gaps));
        }
        long checksAfterResyncs = reader.count(BinanceSourceMetrics.BOOKTICKER_CHECKS);
        await(Duration.ofSeconds(10)).until(polling(
                () -> reader.count(BinanceSourceMetrics.BOOKTICKER_CHECKS) > checksAfterResyncs + 20));

        assertThat(reader.notices()).allSatisfy(notice -> {
            assertThat(notice.type()).isEqualTo(MarketNotice.BOOK_RESYNC);
            assertThat(notice.metaJson()).contains("\"reason\":\"sequence_gap\"");
        });
        for (String symbol : SYMBOLS) {
            assertThat(reader.notices()).as(symbol).filteredOn(notice -> notice.symbol().equals(symbol)).hasSize(GAPS / 2);
        }
        assertThat(reader.count(BinanceSourceMetrics.BOOK_RESYNCS)).isEqualTo(GAPS);
        assertThat(reader.count(BinanceSourceMetrics.BOOKTICKER_MISMATCHES)).isZero();
        HistogramStatistics resyncs = reader.metrics().times(BinanceSourceMetrics.BOOK_RESYNC_MS);
        System.out.printf("%s over %d: p50 %.0f, p95 %.0f, max %d%n", BinanceSourceMetrics.BOOK_RESYNC_MS,
                resyncs.size(), resyncs.getQuantile(0.5), resyncs.getQuantile(0.95), resyncs.getMax());
    }

    @Test
    void aBookThatCannotSyncIsReportedAfterTheSyncTimeoutWhileTradesFlow() throws Exception {
        start(MarketType.SPOT, source());
        reader.close(); // the same exchange, but REST depth never answers: no snapshot, no book
        reader = new ReaderDriver(source().market(MarketType.SPOT)
                .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH)
                .wsBaseUrl(exchange.wsBaseUrl())
                .restBaseUrl("http://127.0.0.1:9")
                .bookSyncTimeout(Duration.ofSeconds(1))
                .build());

        await(Duration.ofSeconds(10)).until(polling(() -> reader.notices().size() == 2));
        awaitTrades("BTCUSDT", 20);

        assertThat(reader.notices()).extracting(MarketNotice::symbol).containsExactlyInAnyOrderElementsOf(SYMBOLS);
        assertThat(reader.notices()).allSatisfy(notice -> {
            assertThat(notice.type()).isEqualTo(MarketNotice.BOOK_UNSYNCED);
            assertThat(notice.metaJson()).contains("\"reason\":\"no_snapshot\"", "\"books\":0");
        });
        assertThat(reader.count(BinanceSourceMetrics.BOOK_UNSYNCED)).isEqualTo(2);
        assertThat(reader.books("BTCUSDT")).isZero();
    }

    @Test
    void aLaggingReaderGetsEveryTradeWhileBooksResync() throws Exception {
        // Futures: books come on a connection of their own, which a trade waiting for room does not hold up.
        start(MarketType.USDM, source().handoffCapacity(8));
        await(Duration.ofSeconds(10)).until(polling(() -> reader.books("BTCUSDT") >= 5));

        // The reader stops taking events: the hand-off fills, a book finds no room.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> reader.count(BinanceSourceMetrics.DEPTH_FRAMES_DROPPED) > 0);
        long lastPublished = exchange.lastTradeId("BTCUSDT");
        await(Duration.ofSeconds(10)).until(polling(() -> last(reader.tradeIds("BTCUSDT")) > lastPublished
                && !reader.notices().isEmpty()));

        assertThat(reader.notices()).allSatisfy(notice -> assertThat(notice.metaJson())
                .containsAnyOf("\"reason\":\"handoff_full\"", "\"reason\":\"sequence_gap\""));
        assertThat(reader.notices()).anySatisfy(notice -> assertThat(notice.metaJson())
                .contains("\"reason\":\"handoff_full\""));
        long booksAtResync = reader.books("BTCUSDT") + reader.books("ETHUSDT");
        await(Duration.ofSeconds(10)).until(polling(
                () -> reader.books("BTCUSDT") + reader.books("ETHUSDT") > booksAtResync));
        assertContiguousWithoutDuplicates("BTCUSDT");
        assertContiguousWithoutDuplicates("ETHUSDT");
    }

    @Test
    void futuresSubscribeOnBothRoutesAfterAcknowledgement() throws Exception {
        start(MarketType.USDM, source().subscribeMode(SubscribeMode.SUBSCRIBE)
                .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER));

        await(Duration.ofSeconds(10)).until(polling(() -> SYMBOLS.stream().allMatch(
                symbol -> reader.trades(symbol).size() >= 10 && reader.books(symbol) >= 10)));

        assertThat(exchange.connectionCount()).isEqualTo(2);
        assertThat(exchange.subscriptions()).containsExactlyInAnyOrder(
                "btcusdt@aggTrade", "btcusdt@depth@100ms", "btcusdt@bookTicker",
                "ethusdt@aggTrade", "ethusdt@depth@100ms", "ethusdt@bookTicker");
        assertThat(reader.count(BinanceSourceMetrics.WS_RECONNECTS)).isZero();
        assertThat(reader.count(BinanceSourceMetrics.BOOKTICKER_MISMATCHES)).isZero();
        assertContiguousWithoutDuplicates("BTCUSDT");
    }

    @Test
    void aSubscribeLeftUnansweredMeansReconnect() throws Exception {
        StubServer server = startStub(connection -> { });

        reader = new ReaderDriver(stubSource(server).subscribeMode(SubscribeMode.SUBSCRIBE).build());
        await(Duration.ofSeconds(5)).until(polling(() -> server.connections() >= 2));

        assertThat(server.received().get(0)).isEqualTo(
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\",\"btcusdt@depth@100ms\"],\"id\":1}");
    }

    @Test
    void aMessageSentInFragmentsIsReassembled() throws Exception {
        byte[] trade = ("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1700000000100,"
                + "\"s\":\"BTCUSDT\",\"a\":42,\"p\":\"65000.10\",\"q\":\"0.250\",\"f\":100,\"l\":101,"
                + "\"T\":1700000000099,\"m\":true,\"M\":true}}").getBytes(StandardCharsets.UTF_8);
        StubServer server = startStub(connection -> {
            int third = trade.length / 3;
            connection.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(trade, 0, third), false);
            connection.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(trade, third, third), false);
            connection.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(trade, 2 * third, trade.length - 2 * third), true);
        });

        reader = new ReaderDriver(stubSource(server).build());
        await(Duration.ofSeconds(5)).until(polling(() -> !reader.trades("BTCUSDT").isEmpty()));

        Trade received = reader.trades("BTCUSDT").get(0);
        assertThat(received.tradeId()).isEqualTo(42);
        assertThat(received.price()).isEqualTo(65000.10);
        assertThat(received.takerSide()).isEqualTo(TakerSide.SELL);
        assertThat(reader.count(BinanceSourceMetrics.PARSE_ERRORS)).isZero();
    }

    @Test
    void futuresRawTradesAndPartialDepthComeOverPublic() throws Exception {
        start(MarketType.USDM, source().streams(StreamKind.TRADE, StreamKind.PARTIAL_DEPTH).bookLevels(5));

        await(Duration.ofSeconds(10)).until(polling(() -> SYMBOLS.stream().allMatch(
                symbol -> reader.trades(symbol).size() >= 10 && reader.books(symbol) >= 10)));

        assertThat(exchange.connectionCount()).isEqualTo(1);
        assertThat(reader.events()).filteredOn(e -> e.book() != null)
                .allSatisfy(e -> assertThat(e.book().levels()).isEqualTo(5));
        assertContiguous("ETHUSDT"); // raw trade ids, not the aggregate ids the exchange lists
    }

    private List<MarketNotice> reconnectNotices() {
        return reader.notices().stream().filter(notice -> notice.type().equals(MarketNotice.WS_RECONNECT)).toList();
    }

    private StubServer startStub(Consumer<WebSocket> onOpen) {
        stub = new StubServer(onOpen);
        stub.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(stub::started);
        return stub;
    }

    /** A source against the stub, which serves no REST: nothing may need it. */
    private static BinanceSourceBuilder stubSource(StubServer server) {
        return BinanceSource.builder()
                .symbols(List.of("BTCUSDT"))
                .wsBaseUrl(server.wsBaseUrl())
                .restBaseUrl("http://127.0.0.1:9")
                .requestTimeout(Duration.ofMillis(500))
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    private void start(MarketType market, BinanceSourceBuilder source) {
        exchange = LoopbackExchange.builder()
                .market(market)
                .symbols(SYMBOLS)
                .seed(7)
                .eventsPerSecondPerSymbol(400)
                .pingInterval(EXCHANGE_PING_INTERVAL)
                .build();
        exchange.start();
        reader = new ReaderDriver(source.market(market)
                .wsBaseUrl(exchange.wsBaseUrl())
                .restBaseUrl(exchange.restBaseUrl())
                .build());
    }

    private static BinanceSourceBuilder source() {
        return BinanceSource.builder()
                .symbols(SYMBOLS)
                .silenceTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(2));
    }

    private void awaitTrades(String symbol, int count) {
        await(Duration.ofSeconds(10)).until(polling(() -> reader.trades(symbol).size() >= count));
    }

    /** The aggregate-trade ids emitted run one by one, as the exchange published them. */
    private void assertContiguousWithoutDuplicates(String symbol) {
        List<Long> ids = assertContiguous(symbol);
        assertThat(exchange.publishedTradeIds(symbol)).containsSubsequence(ids);
    }

    private List<Long> assertContiguous(String symbol) {
        List<Long> ids = reader.tradeIds(symbol);
        assertThat(ids).isNotEmpty();
        assertThat(ids).as(symbol + " trade ids").containsExactlyElementsOf(
                LongStream.rangeClosed(ids.get(0), last(ids)).boxed().toList());
        return ids;
    }

    /** Polls the reader before each look at the condition, on the test thread. */
    private Callable<Boolean> polling(Callable<Boolean> condition) {
        return () -> {
            reader.poll();
            return condition.call();
        };
    }

    private static ConditionFactory await(Duration atMost) {
        return Awaitility.await().pollInSameThread().pollInterval(Duration.ofMillis(20)).atMost(atMost);
    }

    private static long last(List<Long> ids) {
        return ids.isEmpty() ? -1 : ids.get(ids.size() - 1);
    }
}
