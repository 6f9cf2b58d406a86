package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.Harvest;
import io.orderflow.testkit.loopback.LoopbackExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight of a local harvest (issue 12) on a real MiniCluster reading a loopback exchange
 * through the live WebSocket source: a feed in a reconnect storm is stopped with a savepoint and
 * the run exits 4 with the report kept; a healthy feed passes and the same job carries on to its
 * end, where the final report is made.
 */
class HarvestPreflightIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");

    @TempDir
    Path tmp;

    @Test
    void aFeedInAReconnectStormIsStoppedWithASavepointAndTheReportIsKept() throws Exception {
        // The exchange closes every connection 1 s after it opened: far more than 3 reconnects in 30 s.
        try (LoopbackExchange exchange = exchange(Duration.ofSeconds(1))) {
            int status = new LocalDemo(config(exchange, "0.5", "0")).run();

            assertThat(status).isEqualTo(LocalDemo.PREFLIGHT_FAILED_EXIT_STATUS);
            Map<String, JsonNode> reports = reports();
            assertThat(reports.keySet()).singleElement().asString().endsWith("_preflight.json");
            JsonNode report = reports.values().iterator().next();
            assertThat(report.get("kind").asText()).isEqualTo("preflight");
            assertThat(report.get("run_tag").asText()).as("marked only in the reports after a failure").matches("run_\\d{8}_\\d{4}");
            Map<String, String> overall = states(report.get("overall"));
            assertThat(overall).containsEntry("preflight_reconnects", "fail")
                    .containsEntry("preflight_duplicate_rate", "pass")
                    .containsEntry("preflight_prices_committed", "pass")
                    .containsEntry("preflight_cvd_committed", "pass");
            for (String symbol : SYMBOLS) {
                JsonNode section = report.get("symbols").get(symbol);
                assertThat(section.get("health").get("ws_reconnect").asLong()).isGreaterThan(3);
                assertThat(states(section)).containsEntry("preflight_reconnects", "fail");
            }
            assertThat(savepoints()).as("stopped with a savepoint").hasSize(1);
            try (Harvest harvest = new Harvest(tmp.resolve("data"))) {
                assertThat(harvest.inProgressFiles()).isZero();
            }
        }
    }

    @Test
    void aHealthyFeedPassesThePreflightAndTheSameJobCarriesOnToItsFinalReport() throws Exception {
        int metricsPort = FreePorts.next();
        try (LoopbackExchange exchange = exchange(Duration.ofHours(24))) {
            // 0.25 min preflight, then the source ends 0.01 h (36 s) after it started and the job finishes.
            // A MiniCluster starting on a busy 2-core machine delivers its first trades a few hundred ms
            // late, which is not what this test is about: the drift threshold has its unit tests.
            OrderflowConfig config = config(exchange, "0.25", "0.01")
                    .with("DQ_FLAGS", "--max-preflight-drift-p99-ms 2000")
                    .with("DQ_EVERY_HOURS", "1")
                    .with("DQ_METRICS_PORT", Integer.toString(metricsPort));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new LocalDemo(config).run();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });

            // While the job runs on: the preflight is counted on the run's metrics endpoint.
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build();
            Awaitility.await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() ->
                    http.send(scrape, HttpResponse.BodyHandlers.ofString()).body().contains("kind=\"preflight\"} 1"));
            String metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("orderflow_dq_failed_verdicts_total\\{run_tag=\"run_\\d{8}_\\d{4}\"} 0\n")
                    .containsPattern("orderflow_dq_last_report_failed\\{run_tag=\"run_\\d{8}_\\d{4}\"} 0\n");
            assertThat(run).as("still running after the preflight").isNotDone();

            assertThat(run.get(5, TimeUnit.MINUTES)).isZero();
            Map<String, JsonNode> reports = reports();
            assertThat(reports.keySet()).hasSize(2).anyMatch(name -> name.endsWith("_preflight.json"))
                    .anyMatch(name -> name.endsWith("_final.json"));
            JsonNode preflight = reports.entrySet().stream().filter(e -> e.getKey().endsWith("_preflight.json"))
                    .findFirst().orElseThrow().getValue();
            assertThat(states(preflight.get("overall")).values()).as(preflight.toPrettyString()).containsOnly("pass");
            assertThat(preflight.get("run_tag").asText()).doesNotEndWith(HarvestChecks.FAILED_MARK);
            assertThat(savepoints()).as("no stop, no savepoint").isEmpty();

            // The job went on after the preflight: trades committed after its report was made.
            Instant preflightAt = Instant.parse(preflight.get("generated_at").asText());
            try (Harvest harvest = new Harvest(tmp.resolve("data"))) {
                long lastTradeMs = harvest.prices().stream().mapToLong(row -> row.tsMs()).max().orElseThrow();
                assertThat(Instant.ofEpochMilli(lastTradeMs)).isAfter(preflightAt.plusSeconds(10));
            }
            JsonNode last = reports.entrySet().stream().filter(e -> e.getKey().endsWith("_final.json"))
                    .findFirst().orElseThrow().getValue();
            assertThat(last.get("kind").asText()).isEqualTo("final");
            assertThat(last.at("/overall/coverage/rows_by_kind/prices").asLong())
                    .isGreaterThan(preflight.at("/overall/coverage/rows_by_kind/prices").asLong());
        }
    }

    private LoopbackExchange exchange(Duration maxConnectionAge) {
        LoopbackExchange exchange = LoopbackExchange.builder()
                .market(MarketType.USDM)
                .symbols(SYMBOLS)
                .eventsPerSecondPerSymbol(100)
                .bookLevels(20)
                .maxConnectionAge(maxConnectionAge)
                .build();
        exchange.start();
        return exchange;
    }

    private OrderflowConfig config(LoopbackExchange exchange, String preflightMin, String runHours) {
        return OrderflowConfig.defaults()
                .with("SOURCE", "binance")
                .with("BINANCE_WS_URL", exchange.wsBaseUrl())
                .with("BINANCE_REST_URL", exchange.restBaseUrl())
                .with("SYMBOLS", String.join(",", SYMBOLS))
                .with("PARQUET_ROTATE_SEC", "2")
                .with("PARQUET_PUBLISH_SEC", "0")
                .with("RUN_HOURS", runHours)
                .with("PREFLIGHT_MIN", preflightMin)
                .with("DQ_EVERY_HOURS", "0")
                .with("DQ_METRICS_PORT", "0")
                .with("SERVER_PORT", "0")
                .with("DQ_REPORT_DIR", tmp.resolve("reports").toString())
                .with("OUTPUT_DIR", tmp.resolve("data").toString())
                .with("STATE_DIR", tmp.resolve("state").toString())
                .with("WEB_UI_PORT", Integer.toString(FreePorts.next()));
    }

    private Map<String, JsonNode> reports() throws IOException {
        Map<String, JsonNode> reports = new TreeMap<>();
        try (Stream<Path> files = Files.list(tmp.resolve("reports"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                reports.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        }
        return reports;
    }

    private static Map<String, String> states(JsonNode section) {
        Map<String, String> states = new TreeMap<>();
        section.get("verdicts").forEach(v -> states.put(v.get("name").asText(), v.get("state").asText()));
        return states;
    }

    private List<Path> savepoints() throws IOException {
        Path dir = tmp.resolve("state").resolve("savepoints");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.toList());
        }
    }
}
