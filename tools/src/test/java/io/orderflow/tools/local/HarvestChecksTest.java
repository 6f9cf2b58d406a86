package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.RowKinds;
import io.orderflow.testkit.FreePorts;
import io.orderflow.tools.dq.HarvestWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's reports over a harvest on disk, without a job: a failing periodic report does not stop
 * anything, is counted on the metrics endpoint and marks the run's tag in the reports after it.
 */
class HarvestChecksTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFailingReportIsCountedAndMarksTheRunInEveryLaterReport() throws Exception {
        // Two trades of 50 repeat an id: 4 % duplicates, beyond the 0.5 % the periodic report allows.
        List<PriceRow> trades = new ArrayList<>();
        for (int k = 0; k < 48; k++) {
            trades.add(new PriceRow(T0.toEpochMilli() + k * 1_000L, T0.toEpochMilli() + k * 1_000L, "BTCUSDT", 100, 1, k, 5, 1));
        }
        trades.addAll(trades.subList(0, 2));
        new HarvestWriter(dir.resolve("data")).write(RowKinds.PRICES, OrderflowConfig.defaults(), "binance", trades);
        int port = FreePorts.next();
        OrderflowConfig config = OrderflowConfig.defaults()
                .with("OUTPUT_DIR", dir.resolve("data").toString())
                .with("DQ_REPORT_DIR", dir.resolve("reports").toString())
                .with("PREFLIGHT_MIN", "0")
                .with("DQ_EVERY_HOURS", "0.0005") // 1.8 s
                .with("DQ_METRICS_PORT", Integer.toString(port));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (HarvestChecks checks = HarvestChecks.start(config, "harvest_test", minutePerReading(),
                new PrintStream(out, true, StandardCharsets.UTF_8)).orElseThrow()) {
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> reports().size() >= 2);
            checks.finalReport();

            HttpClient http = HttpClient.newHttpClient();
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<JsonNode> reports = reports();
            long periodic = reports.stream().filter(r -> r.get("kind").asText().equals("periodic")).count();
            long failing = 0;
            for (JsonNode report : reports) {
                for (JsonNode v : report.at("/overall/verdicts")) {
                    failing += v.get("state").asText().equals("fail") ? 1 : 0;
                }
                for (JsonNode v : report.at("/symbols/BTCUSDT/verdicts")) {
                    failing += v.get("state").asText().equals("fail") ? 1 : 0;
                }
            }
            assertThat(reports.get(0).get("run_tag").asText()).isEqualTo("harvest_test");
            assertThat(reports.subList(1, reports.size())).allSatisfy(r ->
                    assertThat(r.get("run_tag").asText()).isEqualTo("harvest_test" + HarvestChecks.FAILED_MARK));
            assertThat(reports.get(reports.size() - 1).get("kind").asText()).isEqualTo("final");
            assertThat(metrics)
                    .contains("orderflow_dq_reports_total{run_tag=\"harvest_test\",kind=\"periodic\"} " + periodic + "\n")
                    .contains("orderflow_dq_reports_total{run_tag=\"harvest_test\",kind=\"final\"} 1\n")
                    .contains("orderflow_dq_failed_verdicts_total{run_tag=\"harvest_test\"} " + failing + "\n")
                    .contains("orderflow_dq_last_report_failed{run_tag=\"harvest_test\"} 1\n");
            assertThat(failing).isGreaterThanOrEqualTo(2L * reports.size());
        }
    }

    @Test
    void aPreflightBeforeTwoFileRotationsIsRefusedAtStart() {
        OrderflowConfig config = OrderflowConfig.defaults().with("PREFLIGHT_MIN", "1").with("PARQUET_ROTATE_SEC", "60")
                .with("DQ_METRICS_PORT", "0");
        assertThatThrownBy(() -> HarvestChecks.start(config, "t", Clock.systemUTC(), System.out))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PREFLIGHT_MIN=1.0 leaves the job less than two PARQUET_ROTATE_SEC=60 file rotations"
                        + " and a PARQUET_PUBLISH_SEC=60 publish")
                .hasMessageContaining("give PREFLIGHT_MIN at least 3");
    }

    @Test
    void aFlagTheReportsDoNotTakeIsRefusedAtStart() {
        OrderflowConfig config = OrderflowConfig.defaults().with("DQ_FLAGS", "--max-duplicate-rate lots")
                .with("DQ_METRICS_PORT", "0");
        assertThatThrownBy(() -> HarvestChecks.start(config, "t", Clock.systemUTC(), System.out))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DQ_FLAGS: --max-duplicate-rate 'lots' is not a number");
        OrderflowConfig overriding = config.with("DQ_FLAGS", "--max-duplicate-rate 0.01 --out /tmp/elsewhere");
        assertThatThrownBy(() -> HarvestChecks.start(overriding, "t", Clock.systemUTC(), System.out))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DQ_FLAGS: --out is the harvest's own (DQ_REPORT_DIR): remove it from DQ_FLAGS");
    }

    /** Each reading a minute later than the one before, so reports made within a minute get their own files. */
    private static Clock minutePerReading() {
        AtomicInteger readings = new AtomicInteger();
        return new Clock() {
            @Override
            public Instant instant() {
                return T0.plusSeconds(3_600 + 60L * readings.getAndIncrement());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private List<JsonNode> reports() throws Exception {
        Path reports = dir.resolve("reports");
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        List<JsonNode> parsed = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                parsed.add(new ObjectMapper().readTree(file.toFile()));
            }
        }
        return parsed;
    }
}
