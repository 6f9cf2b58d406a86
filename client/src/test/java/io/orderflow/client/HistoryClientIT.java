package io.orderflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.server.ServerSettings;
import io.orderflow.server.StreamServer;
import io.orderflow.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /history paging and /incremental against the real stream server, and its errors as exceptions. */
class HistoryClientIT {

    private static final long T = 1722124800000L;

    @TempDir
    Path data;

    private StreamServer server;
    private int port;
    private ClientSettings settings;

    @BeforeEach
    void start() throws Exception {
        port = FreePorts.next();
        server = new StreamServer(ServerSettings.defaults().withEndpoint("127.0.0.1", port).withDataDir(data).withRingSize(5));
        server.start();
        settings = ClientSettings.defaults().withEndpoint(URI.create("ws://127.0.0.1:" + port + "/ws/stream"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Trade trade(long tsMs, long id) {
        return new Trade(tsMs, tsMs - 3, "BTCUSDT", 60000 + id, 0.5, id, 7, 12.5);
    }

    @Test
    void pagesFollowEachOtherAndRowsOfTheBoundaryMillisecondComeOnce() throws Exception {
        // two rows at T, two at T + 1, one at T + 2: pages of 3 end inside the group of T + 1
        List<Trade> trades = List.of(trade(T, 1), trade(T, 2), trade(T + 1, 3), trade(T + 1, 4), trade(T + 2, 5));
        JobLayout.writeTrades(data, "date=2024-07-28/symbol=BTCUSDT/kind=prices/part-a-0.parquet", trades);
        HistoryClient history = new HistoryClient(settings.withHistoryPageLimit(3));
        List<Row> rows = history.rows("btcusdt@trade", T, T + 10);
        assertThat(rows).containsExactlyInAnyOrderElementsOf(trades);
        assertThat(rows).isSortedAccordingTo(Comparator.comparingLong(Row::tsMs));
        HistoryPage page = history.page("btcusdt@trade", T + 2, T + 10, 10);
        assertThat(page).isEqualTo(new HistoryPage("btcusdt@trade", 1, List.of(trade(T + 2, 5)), List.of("it")));
        // pages of 2: the two rows of T fill one, and asking from T again cannot get past them
        assertThatThrownBy(() -> new HistoryClient(settings.withHistoryPageLimit(2)).rows("btcusdt@trade", T, T + 10))
                .isInstanceOf(ServerRequestException.class)
                .hasMessageEndingWith("limit=2 answered 200: a whole page of rows at ts_ms " + T + ": raise the history page limit");
        assertThat(history.skippedRows()).isZero();
    }

    @Test
    void incrementalRowsAndTheAnswerForRowsThatLeftTheRing() throws Exception {
        List<String> messages = LongStream.rangeClosed(1, 8).mapToObj(seq -> "{\"stream\":\"btcusdt@trade\",\"seq\":" + seq
                + ",\"data\":{\"ts_ms\":" + (T + seq) + ",\"event_ts_ms\":" + (T + seq - 3) + ",\"symbol\":\"BTCUSDT\","
                + "\"price\":" + (60000.0 + seq) + ",\"qty\":0.5,\"agg_trade_id\":" + seq + ",\"latency_ms\":7,\"recv_rate_tps\":12.5}}")
                .toList();
        WebSocket ingest = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ingest"), new WebSocket.Listener() {}).join();
        ingest.sendText(String.join("\n", messages), true).join();
        HistoryClient history = new HistoryClient(settings);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> history.incremental("btcusdt@trade", 7, 10) instanceof Incremental.Rows rows && rows.latest() == 8);

        Incremental.Rows rows = (Incremental.Rows) history.incremental("btcusdt@trade", 5, 1000);
        assertThat(rows.latest()).isEqualTo(8);
        assertThat(rows.next()).isEqualTo(8);
        assertThat(rows.messages()).containsExactly(
                new LiveMessage("btcusdt@trade", 6, trade(T + 6, 6)),
                new LiveMessage("btcusdt@trade", 7, trade(T + 7, 7)),
                new LiveMessage("btcusdt@trade", 8, trade(T + 8, 8)));
        // a ring of 5 holds seqs 4 to 8: after 1 is gone, to be read from history up to seq 4's time
        assertThat(history.incremental("btcusdt@trade", 1, 1000)).isEqualTo(new Incremental.Gone("btcusdt@trade", 4, T + 4));
        ingest.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void aRateLimitedRequestIsAskedAgainAfterItsRetryAfter() throws Exception {
        server.close();
        server = new StreamServer(ServerSettings.defaults().withEndpoint("127.0.0.1", port).withDataDir(data)
                .withLimits(20, 2, 200, 4_096)); // 2 requests a second from one IP
        server.start();
        List<Trade> trades = List.of(trade(T, 1), trade(T + 1, 2));
        JobLayout.writeTrades(data, "date=2024-07-28/symbol=BTCUSDT/kind=prices/part-a-0.parquet", trades);
        HistoryClient history = new HistoryClient(settings);
        for (int i = 0; i < 6; i++) {
            assertThat(history.rows("btcusdt@trade", T, T + 10)).as("request " + i).containsExactlyElementsOf(trades);
        }
        assertThat(history.rateLimitedRetries()).isPositive();
    }

    @Test
    void errorsNameTheUrlAndTheServersReason() {
        HistoryClient history = new HistoryClient(settings);
        String base = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> history.page("btcusdt@trade", 0, 10, 0))
                .isInstanceOf(ServerRequestException.class)
                .hasMessage("GET " + base + "/history?stream=btcusdt%40trade&from_ms=0&to_ms=10&limit=0 answered 400: "
                        + "parameter limit must be between 1 and 100000, got 0")
                .extracting(e -> ((ServerRequestException) e).status()).isEqualTo(400);
        assertThatThrownBy(() -> history.incremental("ethusdt@trade", 0, 10))
                .hasMessage("GET " + base + "/incremental?stream=ethusdt%40trade&from=0&limit=10 answered 404: "
                        + "no rows of stream ethusdt@trade on this server");
        assertThatThrownBy(() -> history.rows("btcusdt@depth", 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a stream the client knows: 'btcusdt@depth'");

        int closed = FreePorts.next();
        HistoryClient nowhere = new HistoryClient(settings.withEndpoint(URI.create("ws://127.0.0.1:" + closed + "/ws/stream")));
        assertThatThrownBy(() -> nowhere.rows("btcusdt@trade", 0, 10))
                .hasMessageStartingWith("GET http://127.0.0.1:" + closed + "/history?stream=btcusdt%40trade&from_ms=0&to_ms=10&limit=10000 failed: java.net.ConnectException")
                .extracting(e -> ((ServerRequestException) e).status()).isEqualTo(0);
    }
}
