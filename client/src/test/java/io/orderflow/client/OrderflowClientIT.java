package io.orderflow.client;

import static io.orderflow.client.Bars1m.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.server.ServerSettings;
import io.orderflow.server.StreamServer;
import io.orderflow.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OrderflowClient} against the real stream server on a free port, fed over {@code /ingest} as the
 * job feeds it, with klines Parquet in the job's layout under its data directory for {@code /history}.
 */
class OrderflowClientIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long M0 = 1722124800000L / MINUTE; // 2024-07-28T00:00:00Z
    private static final String SELECTOR = "HttpClient-\\d+-SelectorManager";
    private static final String KLINES_DIR = "date=2024-07-28/symbol=BTCUSDT/kind=klines/";

    @TempDir
    Path data;

    @TempDir
    Path state;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<ClientStatus> statuses = new CopyOnWriteArrayList<>();
    private int port;
    private ServerSettings serverSettings;
    private StreamServer server;

    @BeforeEach
    void choosePort() {
        port = FreePorts.next();
        serverSettings = ServerSettings.defaults().withEndpoint("127.0.0.1", port).withDataDir(data).withStateDir(state);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private OrderflowClient client(ClientSettings settings) {
        OrderflowClient client = new OrderflowClient(settings);
        client.onStatus(statuses::add);
        toClose.add(client);
        return client;
    }

    private ClientSettings settings() {
        return ClientSettings.defaults().withEndpoint(URI.create("ws://127.0.0.1:" + port + "/ws/stream"))
                .withReconnect(Duration.ofMillis(50), Duration.ofMillis(200), ClientSettings.UNLIMITED);
    }

    private void startServer() throws Exception {
        server = new StreamServer(serverSettings);
        server.start();
    }

    private LiveIngest ingest() throws Exception {
        LiveIngest ingest = LiveIngest.connect(http, port);
        toClose.add(ingest);
        return ingest;
    }

    private static Trade trade(long id) {
        return new Trade(M0 * MINUTE + id, M0 * MINUTE + id - 3, "BTCUSDT", 60_000 + id, 0.5, id, 7, 12.5);
    }

    /** Minute {@code m}'s bar forming (seq 2m + 1), then closed (seq 2m + 2). */
    private static List<String> minute(long m) {
        return List.of(LiveIngest.kline(2 * m + 1, Bars1m.bar(M0 + m, 1, false)), LiveIngest.kline(2 * m + 2, Bars1m.closed(M0 + m)));
    }

    private static List<String> minutes(long from, long to) {
        return LongStream.range(from, to).boxed().flatMap(m -> minute(m).stream()).toList();
    }

    private static List<Kline> closedBars(long from, long to) {
        return LongStream.range(from, to).mapToObj(m -> Bars1m.closed(M0 + m)).toList();
    }

    private void writeParquet(String file, long fromMinute, long toMinute) throws Exception {
        JobLayout.writeKlines(data, KLINES_DIR + file, closedBars(fromMinute, toMinute));
    }

    private String connectionStatuses() {
        return statuses.stream().filter(s -> !(s instanceof ClientStatus.Warning))
                .map(s -> s.getClass().getSimpleName().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" "));
    }

    private List<ClientStatus> warnings() {
        return statuses.stream().filter(s -> s instanceof ClientStatus.Warning).toList();
    }

    @Test
    void subscriptionsMadeBeforeTheServerIsUpReachTypedListenersAndABlockedListenerDelaysNoOther() throws Exception {
        OrderflowClient client = client(settings());
        CompletableFuture<Void> bars = client.subscribe("BTCUSDT", Timeframe.M1);
        CompletableFuture<Void> trades = client.subscribe("btcusdt", Signal.TRADE);
        List<Kline> klines = new CopyOnWriteArrayList<>();
        List<Trade> tradesSeen = new CopyOnWriteArrayList<>();
        List<Row> blockedSaw = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        client.listen(Kline.class, klines::add);
        client.listen(Trade.class, tradesSeen::add);
        Listening blocked = client.listen(Row.class, row -> {
            blockedSaw.add(row);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        client.connect();
        await().atMost(WAIT).until(() -> statuses.stream().anyMatch(s -> s instanceof ClientStatus.Reconnecting));
        assertThat(bars).as("no server yet").isNotDone();

        startServer();
        client.awaitConnected(WAIT);
        await().atMost(WAIT).until(() -> bars.isDone() && trades.isDone());
        assertThat(bars).isCompleted();
        List<String> rows = new ArrayList<>(minutes(0, 5));
        LongStream.rangeClosed(1, 5).forEach(id -> rows.add(LiveIngest.trade(id, trade(id))));
        ingest().send(rows);

        List<Kline> expectedBars = LongStream.range(0, 5)
                .boxed().flatMap(m -> List.of(Bars1m.bar(M0 + m, 1, false), Bars1m.closed(M0 + m)).stream()).toList();
        List<Trade> expectedTrades = LongStream.rangeClosed(1, 5).mapToObj(OrderflowClientIT::trade).toList();
        await().atMost(WAIT).until(() -> klines.size() == 10 && tradesSeen.size() == 5);
        assertThat(klines).containsExactlyElementsOf(expectedBars);
        assertThat(tradesSeen).containsExactlyElementsOf(expectedTrades);
        assertThat(blockedSaw).as("still blocked on its first row").containsExactly(expectedBars.get(0));

        release.countDown();
        await().atMost(WAIT).until(() -> blockedSaw.size() == 15);
        assertThat(blockedSaw.stream().filter(r -> r instanceof Kline).toList()).containsExactlyElementsOf(expectedBars);
        assertThat(blocked.droppedRows()).isZero();
        assertThat(client.cache().last("BTCUSDT", Timeframe.M1, 100)).containsExactlyElementsOf(closedBars(0, 5));
        assertThat(warnings()).isEmpty();
        assertThat(connectionStatuses()).matches("connecting disconnected( reconnecting connecting disconnected)* reconnecting connecting connected");
    }

    @Test
    void aServerRestartLosesNoClosedBarAndRepeatsNone() throws Exception {
        restartTheServerWhileBarsClose(true);
    }

    @Test
    void aClientBackBeforeTheRestartedServerHasRowsFillsFromHistoryUpToNow() throws Exception {
        restartTheServerWhileBarsClose(false);
    }

    /**
     * Minutes 0 to 4 live; 5 to 7 only to Parquet while the server is down; 8 to 11 live after its
     * restart (8 to 10 committed too). {@code rowsBeforeTheClientIsBack}: the restarted server has rows
     * when the client fills its gap, of which it holds only the newest minute (a ring of 2 rows), so
     * the fill meets a 410; otherwise it has none yet (404) and the fill reads history up to now.
     */
    private void restartTheServerWhileBarsClose(boolean rowsBeforeTheClientIsBack) throws Exception {
        serverSettings = serverSettings.withRingSize(2);
        startServer();
        Duration reconnect = Duration.ofMillis(rowsBeforeTheClientIsBack ? 400 : 50);
        OrderflowClient client = client(settings().withReconnect(reconnect, reconnect, ClientSettings.UNLIMITED));
        List<Kline> closed = new CopyOnWriteArrayList<>();
        client.listen(Kline.class, bar -> {
            if (bar.closed()) {
                closed.add(bar);
            }
        });
        CompletableFuture<Void> subscribed = client.subscribe("BTCUSDT", Timeframe.M1);
        client.connect().awaitConnected(WAIT);
        assertThat(subscribed).succeedsWithin(WAIT);
        writeParquet("part-a-0.parquet", 0, 5);
        ingest().send(minutes(0, 5));
        await().atMost(WAIT).until(() -> closed.size() == 5);

        server.close();
        await().atMost(WAIT).until(() -> statuses.stream().anyMatch(s -> s instanceof ClientStatus.Reconnecting));
        writeParquet("part-b-0.parquet", 5, 11);
        startServer();
        if (!rowsBeforeTheClientIsBack) {
            await().atMost(WAIT).until(() -> closed.size() == 11); // from history alone
        }
        ingest().send(minutes(8, 12));

        await().atMost(WAIT).until(() -> closed.size() >= 12);
        assertThat(closed).containsExactlyElementsOf(closedBars(0, 12));
        assertThat(client.cache().last("BTCUSDT", Timeframe.M1, 100)).containsExactlyElementsOf(closedBars(0, 12));
        // followed without a gap since minute 0: the bars are a cache hit, no request to history
        assertThat(client.bars().bars("BTCUSDT", Timeframe.M1, 12, (M0 + 12) * MINUTE)).containsExactlyElementsOf(closedBars(0, 12));
        assertThat(client.cache().stats()).isEqualTo(new BarCache.Stats(1, 12, 1, 0));
        assertThat(connectionStatuses()).matches(
                "connecting connected disconnected( reconnecting connecting disconnected)* reconnecting connecting connected");
        List<Integer> attempts = statuses.stream().filter(s -> s instanceof ClientStatus.Reconnecting)
                .map(s -> ((ClientStatus.Reconnecting) s).attempt()).toList();
        assertThat(attempts).isEqualTo(IntStream.rangeClosed(1, attempts.size()).boxed().toList());
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aRefusedSubscriptionFailsItsFutureWithTheServersReason() throws Exception {
        serverSettings = serverSettings.withLimits(20, 50, 2, 4_096);
        startServer();
        OrderflowClient client = client(settings());
        client.connect().awaitConnected(WAIT);
        assertThat(client.subscribe("BTCUSDT", Timeframe.M1)).succeedsWithin(WAIT);
        assertThat(client.subscribe("BTCUSDT", Timeframe.M5)).succeedsWithin(WAIT);
        assertThatThrownBy(() -> client.subscribe("BTCUSDT", Timeframe.H1).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SubscriptionRefusedException.class)
                .hasMessage("the server refused the subscription to [btcusdt@kline_1h]: at most 2 subscriptions per connection;"
                        + " this one has 2 and asked for 1 more");
        assertThatThrownBy(() -> client.subscribe("BTC USDT", Signal.TRADE).get(20, TimeUnit.SECONDS))
                .cause().isInstanceOf(SubscriptionRefusedException.class)
                .extracting(e -> ((SubscriptionRefusedException) e).reason())
                .isEqualTo("stream name 'btc usdt@trade' has a symbol that is not lower-case letters, digits and _");
    }

    @Test
    void aClosedPortIsReportedThroughStatusAndByAwaitConnected() throws Exception {
        OrderflowClient client = client(settings().withReconnect(Duration.ofMillis(20), Duration.ofMillis(40), 2));
        CompletableFuture<Void> waiting = client.subscribe("BTCUSDT", Timeframe.M1);
        client.connect();
        assertThatThrownBy(() -> client.awaitConnected(WAIT))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("cannot connect to ws://127.0.0.1:" + port + "/ws/stream: gave up after 2 reconnect"
                        + " attempts; the last: cannot connect: java.net.ConnectException")
                .hasCauseInstanceOf(java.net.ConnectException.class);
        assertThat(waiting).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ConnectionException.class);
        await().atMost(WAIT).until(() -> statuses.stream().anyMatch(s -> s instanceof ClientStatus.Closed));
        assertThat(connectionStatuses()).isEqualTo("connecting disconnected reconnecting connecting disconnected"
                + " reconnecting connecting disconnected closed");
        assertThat(statuses.get(1)).isInstanceOfSatisfying(ClientStatus.Disconnected.class,
                d -> assertThat(d.reason()).startsWith("cannot connect: java.net.ConnectException"));
    }

    @Test
    void closeWithSubscriptionsOpenLeavesNoThreadOfTheClient() throws Exception {
        startServer();
        LiveIngest ingest = ingest();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        OrderflowClient client = new OrderflowClient(settings().withBars(List.of("BTCUSDT", "ETHUSDT"), List.of(Timeframe.M1, Timeframe.H1)));
        client.onStatus(statuses::add);
        List<Kline> bars = new CopyOnWriteArrayList<>();
        client.listen(Kline.class, bars::add);
        client.listen(Row.class, row -> { });
        CompletableFuture<Void> fusion = client.subscribe("BTCUSDT", Signal.FUSION);
        client.connect().awaitConnected(WAIT);
        assertThat(fusion).succeedsWithin(WAIT);
        ingest.send(minutes(0, 2));
        await().atMost(WAIT).until(() -> bars.size() == 4);

        client.close();
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo(new ClientStatus.Closed("closed by the caller"));
        assertThat(clientThreadsSince(before)).as("the client's own threads end within close()")
                .noneMatch(t -> t.getName().startsWith("orderflow-client-"));
        // Java 17's HttpClient has no close(): its selector thread ends a few seconds after the HttpClient
        // is unreachable, that is once the caller lets go of the closed client.
        client = null;
        await().atMost(WAIT).until(() -> {
            System.gc();
            return clientThreadsSince(before).isEmpty();
        });
    }

    private static List<Thread> clientThreadsSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> t.getName().startsWith("orderflow-client-") || t.getName().matches(SELECTOR))
                .toList();
    }
}
