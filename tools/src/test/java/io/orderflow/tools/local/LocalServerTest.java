package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.testkit.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a local run starts its stream server, where the job's rows then go, and that it leaves nothing behind. */
class LocalServerTest {

    @TempDir
    Path state;

    @Test
    void startsOnServerPortAndPointsTheJobsLiveUrlAtIt() {
        int port = FreePorts.next();
        OrderflowConfig config = defaults().with("SERVER_PORT", Integer.toString(port));
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        try (LocalServer server = LocalServer.start(config).orElseThrow()) {
            assertThat(server.address()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(server.sendingHere(config).liveUrl()).contains("ws://127.0.0.1:" + port + "/ingest");
            assertThat(startedSince(before)).as("the server's threads").isNotEmpty();
        }
        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> startedSince(before).isEmpty());
    }

    @Test
    void noServerWithoutAPortOrWhenLiveUrlNamesAnother() {
        assertThat(LocalServer.start(defaults().with("SERVER_PORT", "0"))).isEmpty();
        assertThat(LocalServer.start(defaults()
                .with("SERVER_PORT", Integer.toString(FreePorts.next()))
                .with("LIVE_URL", "ws://10.0.0.5:8000/ingest"))).isEmpty();
    }

    @Test
    void aPortInUseStopsTheRunAtStartSayingWhichSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Set<Thread> before = Thread.getAllStackTraces().keySet();

            assertThatThrownBy(() -> LocalServer.start(defaults().with("SERVER_PORT", Integer.toString(port))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("SERVER_PORT=" + port + " is in use: give another port (--server-port), or 0 for no stream server");
            Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> startedSince(before).isEmpty());
        }
    }

    @Test
    void keepsTheStreamsLastSeqsUnderStateDirAcrossRuns() throws Exception {
        OrderflowConfig config = defaults().with("SERVER_PORT", Integer.toString(FreePorts.next()));
        HttpClient http = HttpClient.newHttpClient();
        try (LocalServer server = LocalServer.start(config).orElseThrow()) {
            WebSocket ingest = http.newWebSocketBuilder()
                    .buildAsync(URI.create(server.sendingHere(config).liveUrl().orElseThrow()), new WebSocket.Listener() {})
                    .get(10, TimeUnit.SECONDS);
            ingest.sendText("{\"stream\":\"btcusdt@trade\",\"seq\":7,\"data\":{\"ts_ms\":1}}", true).get(10, TimeUnit.SECONDS);
            HttpRequest streams = HttpRequest.newBuilder(URI.create(server.address() + "/streams")).build();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    http.send(streams, HttpResponse.BodyHandlers.ofString()).body().contains("\"latest_seq\":7"));
            ingest.abort();
        }
        assertThat(Files.readString(state.resolve("server/last-seq.json"))).isEqualTo("{\"btcusdt@trade\":7}");
    }

    @Test
    void unreadableLastSeqsStopTheRunAtStartNamingTheFile() throws Exception {
        Files.createDirectories(state.resolve("server"));
        Files.writeString(state.resolve("server/last-seq.json"), "not json");

        assertThatThrownBy(() -> LocalServer.start(defaults().with("SERVER_PORT", Integer.toString(FreePorts.next()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(state.resolve("server/last-seq.json") + " is not a map of stream names to seqs")
                .hasMessageContaining("fix or remove it");
    }

    private OrderflowConfig defaults() {
        return OrderflowConfig.defaults().with("STATE_DIR", state.toString());
    }

    private static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .toList();
    }
}
