package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.testkit.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** When a local run starts its stream server, where the job's rows then go, and that it leaves nothing behind. */
class LocalServerTest {

    @Test
    void startsOnServerPortAndPointsTheJobsLiveUrlAtIt() {
        int port = FreePorts.next();
        OrderflowConfig config = OrderflowConfig.defaults().with("SERVER_PORT", Integer.toString(port));
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
        assertThat(LocalServer.start(OrderflowConfig.defaults().with("SERVER_PORT", "0"))).isEmpty();
        assertThat(LocalServer.start(OrderflowConfig.defaults()
                .with("SERVER_PORT", Integer.toString(FreePorts.next()))
                .with("LIVE_URL", "ws://10.0.0.5:8000/ingest"))).isEmpty();
    }

    @Test
    void aPortInUseStopsTheRunAtStartSayingWhichSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Set<Thread> before = Thread.getAllStackTraces().keySet();

            assertThatThrownBy(() -> LocalServer.start(OrderflowConfig.defaults().with("SERVER_PORT", Integer.toString(port))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("SERVER_PORT=" + port + " is in use: give another port (--server-port), or 0 for no stream server");
            Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> startedSince(before).isEmpty());
        }
    }

    private static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .toList();
    }
}
