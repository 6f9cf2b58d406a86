package io.orderflow.job.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.job.live.LiveSink;
import io.orderflow.job.metrics.CvdTailCounters;
import io.orderflow.job.metrics.ProcessingLatency;
import io.orderflow.job.metrics.SymbolTapeMetrics;
import io.orderflow.job.sink.MeteredFileSink;
import io.orderflow.job.sink.PublishingCommitter;
import io.orderflow.job.source.binance.reader.BinanceSourceMetrics;
import io.orderflow.testkit.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files as CI checks them: Prometheus's own tool on the scrape configs, the alert
 * rules and their unit tests; docker compose on docker-compose.yml (and the stream server's token);
 * and every metric the alerts and the Grafana dashboard query is one the job registers (or one of
 * Flink's own).
 */
class MonitoringConfigIT {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Path PROMETHEUS = REPO.resolve("monitoring/prometheus");
    private static final String INSTALL_PROMETHEUS = "run .ci/run once (it installs Debian's prometheus package)";
    /** An operator metric's name after Flink's prefix. */
    private static final Pattern OPERATOR_METRIC = Pattern.compile("flink_taskmanager_job_task_operator_([a-z0-9_]+)");

    /** Registered by CvdFunction per subtask (the robust CVD scale). */
    static final Set<String> CVD_SCALE_METRICS = Set.of("cvd_scale_median", "cvd_floor_hit_rate");

    /**
     * Every operator metric the job registers, as Prometheus names it: the harvest spec's name,
     * after the keys of its key groups ({@code symbol_}, {@code symbol_regime_}, {@code kind_},
     * {@code connection_}).
     */
    static final Set<String> JOB_METRICS = union(
            prefixed("symbol_", SymbolTapeMetrics.RECV_RATE, SymbolTapeMetrics.LATENCY_P50,
                    SymbolTapeMetrics.LATENCY_P90, SymbolTapeMetrics.LATENCY_P99, SymbolTapeMetrics.MINUTE_BUCKETS,
                    SymbolTapeMetrics.EMPTY_MINUTE_BUCKETS),
            prefixed("symbol_regime_", CvdTailCounters.ROWS, CvdTailCounters.Z_ABOVE_2, CvdTailCounters.Z_ABOVE_3),
            prefixed(ProcessingLatency.KIND + "_", ProcessingLatency.P50, ProcessingLatency.P95),
            prefixed(BinanceSourceMetrics.CONNECTION + "_", BinanceSourceMetrics.HANDOFF_DEPTH),
            Set.of(MeteredFileSink.WRITE_ERRORS, MeteredFileSink.FLUSH_SECONDS),
            Set.of(PublishingCommitter.ERRORS, PublishingCommitter.ROWS, PublishingCommitter.SECONDS,
                    PublishingCommitter.SEALED, PublishingCommitter.WAITING),
            Set.of(BinanceSourceMetrics.PARSE_ERRORS, BinanceSourceMetrics.DEDUP_HITS,
                    BinanceSourceMetrics.GAPFILL_TRADES, BinanceSourceMetrics.GAPFILL_DEFERRALS,
                    BinanceSourceMetrics.TRADE_GAPS,
                    BinanceSourceMetrics.WS_RECONNECTS, BinanceSourceMetrics.DEPTH_FRAMES_DROPPED,
                    BinanceSourceMetrics.BOOK_RESYNCS, BinanceSourceMetrics.BOOKTICKER_CHECKS,
                    BinanceSourceMetrics.BOOKTICKER_MISMATCHES, BinanceSourceMetrics.HANDOFF_DEPTH,
                    BinanceSourceMetrics.UNSUPPORTED_MESSAGES, BinanceSourceMetrics.BOOK_UNSYNCED),
            Set.of(LiveSink.SENT, LiveSink.DROPPED, LiveSink.CONNECTED),
            CVD_SCALE_METRICS);

    @Test
    void promtoolAcceptsBothScrapeConfigsAndTheRules() throws Exception {
        Path promtool = Processes.require("promtool", INSTALL_PROMETHEUS);
        for (String config : List.of("prometheus.yml", "prometheus-compose.yml")) {
            String out = promtool(promtool, "check", "config", PROMETHEUS.resolve(config).toString());
            assertThat(out).contains("SUCCESS: " + PROMETHEUS.resolve(config) + " is valid");
        }
        assertThat(promtool(promtool, "check", "rules", PROMETHEUS.resolve("alerts.yml").toString()))
                .contains("SUCCESS: 11 rules found");
    }

    @Test
    void everyAlertPassesItsPromtoolUnitTest() throws Exception {
        Path promtool = Processes.require("promtool", INSTALL_PROMETHEUS);
        Path tests = PROMETHEUS.resolve("tests/alerts-test.yml");
        String out = promtool(promtool, "test", "rules", tests.toString());
        assertThat(out).contains("SUCCESS");
        // one test case per alert of the rules file
        String rules = Files.readString(PROMETHEUS.resolve("alerts.yml"));
        String cases = Files.readString(tests);
        for (String alert : matches(Pattern.compile("- alert: (\\w+)"), rules)) {
            assertThat(cases).as("a unit test of " + alert).contains("alertname: " + alert);
        }
    }

    @Test
    void dockerComposeFileIsValid() throws Exception {
        List<String> validate = composeCommand();
        Assumptions.assumeTrue(validate != null,
                "skipped: neither `docker compose` nor docker-compose is installed (.ci/run installs docker-compose)");
        String token = "t0ken-of-this-test";
        Processes.run(REPO, Map.of("SERVER_INGEST_TOKEN", token), Duration.ofMinutes(1), validate).requireSuccess();

        // The job's live rows go to the server with the token the server requires of them.
        List<String> render = new ArrayList<>(validate.subList(0, validate.size() - 1));
        String rendered = Processes.run(REPO, Map.of("SERVER_INGEST_TOKEN", token), Duration.ofMinutes(1), render)
                .requireSuccess().output();
        assertThat(rendered).contains("LIVE_URL: ws://server:8000/ingest", "/opt/orderflow/server/target/orderflow-server-runnable.jar");
        assertThat(rendered.split("SERVER_INGEST_TOKEN: " + token, -1)).as("the token of the server and of the job").hasSize(3);
        // Without a token the TaskManagers' ingest would be refused: compose says so before starting anything.
        Processes.Result noToken = Processes.run(REPO, Map.of("SERVER_INGEST_TOKEN", ""), Duration.ofMinutes(1), validate);
        assertThat(noToken.exitCode()).isNotZero();
        assertThat(noToken.output()).contains("set SERVER_INGEST_TOKEN (e.g. in .env, see the top of docker-compose.yml)");
    }

    @Test
    void alertsAndDashboardQueryOnlyMetricsTheJobRegisters() throws Exception {
        String rules = Files.readString(PROMETHEUS.resolve("alerts.yml"));
        JsonNode dashboard = new ObjectMapper().readTree(REPO.resolve("monitoring/grafana/dashboards/orderflow.json").toFile());
        List<String> expressions = new ArrayList<>(List.of(rules));
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));

        Set<String> queried = new TreeSet<>();
        expressions.forEach(expr -> queried.addAll(matches(OPERATOR_METRIC, expr)));
        assertThat(JOB_METRICS).containsAll(queried);
        // the spec's panels and alerts are all there
        assertThat(queried).contains("symbol_regime_cvd_z_abs_gt2_total", "symbol_regime_cvd_z_abs_gt3_total",
                "cvd_scale_median", "symbol_recv_rate_tps", "symbol_empty_minute_buckets_total",
                "dedup_hits_total", "parquet_flush_sec", "ws_reconnects_total", "symbol_latency_ms_p99",
                "cvd_floor_hit_rate");
        // every panel reads the provisioned datasource
        String datasource = Files.readString(REPO.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml"));
        dashboard.findValues("datasource").forEach(ds ->
                assertThat(datasource).contains("uid: " + ds.get("uid").asText()));
    }

    private static String promtool(Path promtool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        return Processes.run(REPO, Map.of(), Duration.ofMinutes(1), command).requireSuccess().output();
    }

    /** {@code docker compose config -q}, or Debian's docker-compose, or null when neither is there. */
    private static List<String> composeCommand() throws Exception {
        try {
            if (Processes.run(REPO, Map.of(), Duration.ofMinutes(1), List.of("docker", "compose", "version")).exitCode() == 0) {
                return List.of("docker", "compose", "config", "-q");
            }
        } catch (java.io.IOException noDockerClient) {
            // try docker-compose below
        }
        try {
            return List.of(Processes.require("docker-compose", "").toString(), "config", "-q");
        } catch (AssertionError absent) {
            return null;
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static Set<String> prefixed(String prefix, String... names) {
        Set<String> all = new TreeSet<>();
        for (String name : names) {
            all.add(prefix + name);
        }
        return all;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
