package io.orderflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.testing.Harvest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as README command 1 runs it, in its own JVM through jobs/demo.sh. The Web UI answers,
 * Parquet is committed, and SIGTERM stops the job with a savepoint and
 * exits 0 with every file committed.
 */
class LocalDemoIT {

    @TempDir
    Path tmp;

    private Process demo;

    @AfterEach
    void killLeftovers() {
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly();
        }
    }

    @Test
    void servesTheWebUiWritesParquetAndStopsGracefullyOnSigterm() throws Exception {
        int port = freePort();
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("demo.log");
        demo = start(List.of("--parquet-rotate-sec", "2", "--market-rate", "200",
                "--output-dir", data.toString(), "--state-dir", tmp.resolve("state").toString(),
                "--web-ui-port", Integer.toString(port)), log);

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest overview = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/overview")).build();
        Awaitility.await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() ->
                http.send(overview, HttpResponse.BodyHandlers.ofString()).body().contains("\"state\":\"RUNNING\""));
        try (Harvest harvest = new Harvest(data)) {
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> harvest.committedFiles() >= 3);
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> Files.readString(log).contains(" OFI "));

            demo.destroy(); // SIGTERM
            assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("demo exited").isTrue();
            String output = Files.readString(log);
            assertThat(demo.exitValue()).as(output).isZero();
            assertThat(output).contains("stopping with a savepoint", "Savepoint: ", "every Parquet file is committed");
            assertThat(harvest.inProgressFiles()).isZero();
            assertThat(harvest.prices()).isNotEmpty();
            assertThat(harvest.ofi()).isNotEmpty();
            assertThat(harvest.cvd()).isNotEmpty();
        }
    }

    @Test
    void refusesABadConfigurationAtStartSayingWhatToFix() throws Exception {
        Path log = tmp.resolve("bad.log");
        demo = start(List.of("--parquet-rotate-sec", "0"), log);
        assertThat(demo.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(demo.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log))
                .contains("PARQUET_ROTATE_SEC=0 is out of range", "[1, 3600]", "--parquet-rotate-sec");
    }

    /** README command 1 without its build step (Maven built the project before the ITs). */
    private static Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("./jobs/demo.sh"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SKIP_BUILD", "1");
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
