package io.orderflow.job.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.MarketSources;
import io.orderflow.job.OrderflowJob;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.FreePorts;
import io.orderflow.testkit.Harvest;
import io.orderflow.testkit.HeadlessChromium;
import io.orderflow.testkit.Processes;
import io.orderflow.testkit.TradeIds;
import io.orderflow.testkit.loopback.LoopbackExchange;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations path for real: a standalone Flink cluster on loopback started by
 * jobs/cluster-start.sh from Maven-resolved jars, the built job jar submitted by jobs/submit-job.sh
 * on the embedded market, a real Prometheus server scraping the Flink reporters with the project's
 * alert rules, the Web UI in headless Chromium, and stop-with-savepoint and resume through
 * jobs/stop-job.sh and jobs/resume-job.sh. Beside it, a second job reads a Binance-compatible
 * exchange on loopback through the WebSocket source, for the source's metrics. Every process is
 * ended afterwards, even when a step fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    private static final Path REPO = Path.of("").toAbsolutePath();
    /** Kept between builds: the Flink jars are resolved once. Logs stay here for a failed run. */
    private static final Path CLUSTER_HOME = REPO.resolve("target/it-cluster");
    private static final Path SCREENSHOT = REPO.resolve("target/webui/flink-job-graph.png");
    private static final String P = "flink_taskmanager_job_task_operator_";
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final List<String> OPERATORS = List.of("market source", "route trades and books",
            "prices: latency and receive rate", "cvd: cumulative volume delta", "ofi: order flow imbalance",
            "metrics: cvd z tails", "klines: 1m, 5m, 1h OHLCV", "fusion: score every second",
            "events: swing pivots and divergences", "events: score extremes", "events: spread blow-outs",
            "events: latency spikes and data gaps", "sink: events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("Submitted job ([0-9a-f]{32})");
    private static final int CRASH_REPLAY_SPEED = 20;

    @TempDir
    static Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> env = new HashMap<>();
    private final List<ProcessHandle> clusterProcesses = new ArrayList<>();
    private Path data;
    private List<String> jobArgs;
    private String jobId;
    private LoopbackExchange exchange;
    private String liveJobId;
    private Process prometheus;
    private int prometheusPort;
    private int restPort;

    @BeforeAll
    void startClusterJobAndPrometheus() throws Exception {
        Path prometheusBinary = Processes.require("prometheus", "run .ci/run once (it installs Debian's prometheus package)");
        restPort = FreePorts.next();
        int tmPrometheusPort = FreePorts.next();
        int jmPrometheusPort = FreePorts.next();
        env.put("CLUSTER_HOME", CLUSTER_HOME.toString());
        env.put("STATE_DIR", tmp.resolve("state").toString());
        env.put("FLINK_REST_PORT", Integer.toString(restPort));
        env.put("FLINK_RPC_PORT", Integer.toString(FreePorts.next()));
        env.put("PROM_JM_PORT", Integer.toString(jmPrometheusPort));
        env.put("PROM_TM_PORT", Integer.toString(tmPrometheusPort));
        env.put("TASK_SLOTS", "3"); // two for the embedded-market job, one for the live one
        script(Duration.ofMinutes(1), "cluster-stop.sh"); // a cluster left by a killed earlier run

        String started = script(Duration.ofMinutes(5), "cluster-start.sh").output();
        assertThat(started).contains("Flink cluster up: 1 TaskManager(s)", "http://127.0.0.1:" + restPort);
        try (Stream<Path> pids = Files.list(CLUSTER_HOME.resolve("run"))) {
            for (Path pid : pids.toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(clusterProcesses::add);
            }
        }
        assertThat(clusterProcesses).hasSize(2);

        data = tmp.resolve("data");
        jobArgs = List.of("--profile", "harvest", "--source", "embedded", "--symbols", String.join(",", SYMBOLS),
                "--market-rate", "100", "--parquet-rotate-sec", "2", "--output-dir", data.toString());
        exchange = LoopbackExchange.builder().market(MarketType.USDM).symbols(List.of("BTCUSDT"))
                .seed(7).eventsPerSecondPerSymbol(50).bookLevels(20).build();
        exchange.start();
        // Each submission starts Flink's CLI in a JVM of its own, most of its time: the two at once.
        CompletableFuture<String> live = CompletableFuture.supplyAsync(() -> submitUnchecked(List.of(
                "--parallelism", "1", "--profile", "harvest",
                "--source", "binance", "--binance-market", "usdm", "--symbols", "BTCUSDT",
                "--binance-ws-url", exchange.wsBaseUrl(), "--binance-rest-url", exchange.restBaseUrl(),
                "--parquet-rotate-sec", "2", "--output-dir", tmp.resolve("live-data").toString())));
        jobId = submit("submit-job.sh", jobArgs);
        liveJobId = live.get(3, TimeUnit.MINUTES);

        prometheusPort = FreePorts.next();
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global: {scrape_interval: 2s, evaluation_interval: 2s}",
                "rule_files: ['" + REPO.resolve("monitoring/prometheus/alerts.yml") + "']",
                "scrape_configs:",
                "  - job_name: flink",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + jmPrometheusPort + "']",
                "        labels: {flink_role: jobmanager}",
                "      - targets: ['127.0.0.1:" + tmPrometheusPort + "']",
                "        labels: {flink_role: taskmanager}",
                ""));
        prometheus = Processes.start(tmp, Map.of(), tmp.resolve("prometheus.log"), List.of(
                prometheusBinary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--storage.tsdb.retention.time=1h"));
        Awaitility.await("Prometheus ready").atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() ->
                get("http://127.0.0.1:" + prometheusPort + "/-/ready").statusCode() == 200);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (prometheus != null) {
                Processes.stop(prometheus);
            }
            if (exchange != null) {
                exchange.close();
            }
        } finally {
            Processes.Result stopped = Processes.run(REPO, env, Duration.ofMinutes(2), List.of("jobs/cluster-stop.sh"));
            clusterProcesses.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        }
        assertThat(clusterProcesses).as("cluster processes left behind").noneMatch(ProcessHandle::isAlive);
        assertThat(prometheus == null || !prometheus.isAlive()).as("Prometheus left behind").isTrue();
    }

    @Test
    @Order(1)
    void webUiDrawsTheJobGraphWithItsNamedOperators() throws Exception {
        String url = "http://127.0.0.1:" + restPort + "/#/job/running/" + jobId + "/overview";
        AtomicReference<String> seen = new AtomicReference<>("nothing");
        try (HeadlessChromium chromium = HeadlessChromium.open(url, 2560, 1600, tmp)) {
            // The graph is an SVG, one node per chain of operators, laid out once the plan has loaded
            // and filled in once the first task metrics have. Shot when every node is on screen with
            // its metrics and the boxes have stopped moving between two polls.
            String graph = """
                    JSON.stringify(Array.from(document.querySelectorAll('flink-dagre svg g.node')).map(n => {
                      const r = n.getBoundingClientRect();
                      return {text: n.textContent, box: [r.x, r.y, r.width, r.height].map(Math.round),
                              onScreen: r.width > 50 && r.x >= 0 && r.y >= 0 && r.right <= innerWidth && r.bottom <= innerHeight};
                    }))""";
            AtomicReference<String> previous = new AtomicReference<>("");
            try {
                Awaitility.await("the job graph drawn").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().until(() -> {
                            String now = chromium.evaluate(graph).asText();
                            seen.set(now);
                            JsonNode nodes = JSON.readTree(now);
                            String text = nodes.findValuesAsText("text").toString();
                            boolean drawn = OPERATORS.stream().allMatch(text::contains)
                                    && nodes.findValues("onScreen").stream().allMatch(JsonNode::asBoolean)
                                    && nodes.findValuesAsText("text").stream().allMatch(t -> t.contains("Backpressured"));
                            String layout = nodes.findValues("box").toString();
                            return drawn && layout.equals(previous.getAndSet(layout));
                        });
            } finally {
                // kept either way: when the graph is not as expected, the picture says why
                Files.createDirectories(SCREENSHOT.getParent());
                Files.write(SCREENSHOT, chromium.screenshot());
            }
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("job graph not drawn as expected; see " + SCREENSHOT + "; nodes seen: " + seen.get(), e);
        }
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png.length).as("a drawn page").isGreaterThan(30_000);
    }

    @Test
    @Order(2)
    void prometheusScrapesTheJobMetricsAndLoadsTheAlertRules() throws Exception {
        String job = "{job_id=\"" + jobId + "\"}";
        // per symbol: the receive rate at once, latency quantiles once a one-minute window has closed
        awaitPerSymbol(P + "symbol_recv_rate_tps" + job, v -> v > 0);
        awaitPerSymbol(P + "symbol_minute_buckets_total" + job, v -> v >= 0);
        awaitPerSymbol(P + "symbol_empty_minute_buckets_total" + job, v -> v >= 0);
        awaitPerSymbol("sum by (symbol) (" + P + "symbol_regime_cvd_rows_total" + job + ")", v -> v > 0);
        awaitPerSymbol("sum by (symbol) (" + P + "symbol_regime_cvd_z_abs_gt2_total" + job + ")", v -> v >= 0);
        for (String quantile : List.of("p50", "p90", "p99")) {
            awaitPerSymbol(P + "symbol_latency_ms_" + quantile + job, v -> v >= 0 && v < 4_096);
        }
        Map<String, Double> p50 = query(P + "symbol_latency_ms_p50" + job);
        Map<String, Double> p99 = query(P + "symbol_latency_ms_p99" + job);
        SYMBOLS.forEach(s -> assertThat(p99.get(s)).isGreaterThanOrEqualTo(p50.get(s)));

        // the sinks: a flush time per Parquet writer, no write error
        await("max by (operator_name) (" + P + "parquet_flush_sec" + job + ")",
                r -> r.keySet().containsAll(List.of("sink:_prices:_Writer", "sink:_cvd:_Writer", "sink:_ofi:_Writer"))
                        && r.values().stream().allMatch(v -> v > 0 && v < 60));
        await("sum by (job_id) (" + P + "write_errors_total" + job + ")", r -> r.size() == 1 && r.containsValue(0.0));
        // the publishers: committed rows reach the hour files, without a failed publish
        await("sum by (job_id) (" + P + "published_rows_total" + job + ")", r -> r.size() == 1
                && r.values().stream().allMatch(v -> v > 0));
        await("sum by (job_id) (" + P + "publish_errors_total" + job + ")", r -> r.size() == 1 && r.containsValue(0.0));
        await("flink_jobmanager_job_numRestarts" + job, r -> r.size() == 1 && r.containsValue(0.0));
        // the CVD scale gauges, per CVD subtask
        for (String gauge : List.of("cvd_scale_median", "cvd_floor_hit_rate")) {
            await("max by (operator_name) (" + P + gauge + job + ")",
                    r -> r.size() == 1 && r.values().stream().allMatch(v -> v >= 0));
        }

        // the WebSocket source's counters, on the live job; a dropped connection is counted
        String live = "{job_id=\"" + liveJobId + "\"}";
        for (String counter : List.of("parse_errors_total", "dedup_hits_total", "gapfill_trades_total",
                "depth_frames_dropped_total", "book_resyncs_total", "handoff_queue_depth")) {
            await("sum by (job_id) (" + P + counter + live + ")", r -> r.size() == 1);
        }
        awaitPerSymbol(P + "symbol_recv_rate_tps" + live, List.of("BTCUSDT"), v -> v > 0);
        exchange.dropConnections();
        await("sum by (job_id) (" + P + "ws_reconnects_total" + live + ")", r -> r.size() == 1 && r.get(liveJobId) >= 1);

        JsonNode groups = api("/api/v1/rules").path("groups");
        List<String> rules = new ArrayList<>();
        for (JsonNode rule : groups.get(0).path("rules")) {
            rules.add(rule.path("name").asText() + "=" + rule.path("health").asText());
        }
        assertThat(rules).containsExactlyInAnyOrder("ReceiveLatencyP99High=ok", "WebSocketReconnectsFrequent=ok",
                "BookUnsynced=ok", "CvdFloorHitRateHigh=ok", "EmptyMinuteBucketsHigh=ok", "LiveOutputDisconnected=ok",
                "ParquetWriteErrors=ok", "ParquetPublishFailing=ok", "JobRestarting=ok", "FlinkProcessDown=ok", "HarvestDataQualityFailing=ok");
    }

    @Test
    @Order(3)
    void stopsWithASavepointAndResumesWithoutDuplicateOrMissingRows() throws Exception {
        try (Harvest harvest = new Harvest(data)) {
            Awaitility.await("committed Parquet").atMost(Duration.ofMinutes(2)).until(() -> harvest.prices().size() > 500);

            String stopped = script(Duration.ofMinutes(3), "stop-job.sh", jobId).output();
            assertThat(stopped).contains("Stopped job " + jobId + ". Savepoint: file:" + tmp.resolve("state/savepoints"));
            assertThat(harvest.inProgressFiles()).isZero();
            List<PriceRow> beforeResume = harvest.prices();
            TradeIds.assertContiguousWithoutDuplicates(beforeResume, SYMBOLS);

            String resumed = submit("resume-job.sh", jobArgs);
            assertThat(resumed).isNotEqualTo(jobId);
            Awaitility.await("rows after the resume").atMost(Duration.ofMinutes(2))
                    .until(() -> harvest.prices().size() > beforeResume.size() + 500);
            script(Duration.ofMinutes(3), "stop-job.sh", resumed);
            assertThat(harvest.inProgressFiles()).isZero();

            List<PriceRow> all = harvest.prices();
            TradeIds.assertContiguousWithoutDuplicates(all, SYMBOLS);
            assertThat(all).containsAll(beforeResume);
            // one cvd row per trade, none twice
            Map<String, Long> trades = all.stream().collect(Collectors.groupingBy(PriceRow::symbol, TreeMap::new, Collectors.counting()));
            Map<String, Long> cvdRows = harvest.cvd().stream().collect(Collectors.groupingBy(r -> r.symbol(), TreeMap::new, Collectors.counting()));
            assertThat(cvdRows).isEqualTo(trades);
        }
    }

    /**
     * A paced replay loses its TaskManager to {@code kill -9} midway; jobs/taskmanager-restart.sh
     * brings one back and Flink restores the job from its last checkpoint. Every kind's committed
     * rows then equal, value for value, those of the same replay run uninterrupted beside it in this
     * JVM; the in-progress files the dead attempt left are never read, and jobs/orphans.sh lists and
     * removes them without touching a committed row.
     */
    @Test
    @Order(4)
    void aKilledTaskManagerCostsNoRowAndLeavesOnlyOrphansThatAreRemoved() throws Exception {
        long testStart = System.nanoTime();
        Path crashed = tmp.resolve("crash-data");
        Path reference = tmp.resolve("crash-reference");
        // The source is on the cluster's one TaskManager (TASK_SLOTS 3: this job's two slots and the live job's).
        assertThat(rest("/taskmanagers").path("taskmanagers")).hasSize(1);
        JobClient uninterrupted = runInThisJvm(crashReplay(reference));
        String crashJob = submit("submit-job.sh", crashReplay(crashed));

        AtomicReference<JsonNode> checkpoints = new AtomicReference<>();
        Awaitility.await("checkpoints completed and rows committed").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    checkpoints.set(rest("/jobs/" + crashJob + "/checkpoints"));
                    return checkpoints.get().at("/counts/completed").asInt() >= 2 && committedFiles(crashed) > 0;
                });
        ProcessHandle taskManager = ProcessHandle.of(Long.parseLong(
                Files.readString(CLUSTER_HOME.resolve("run/taskmanager-1.pid")).trim())).orElseThrow();
        assertThat(rest("/jobs/" + crashJob).path("state").asText()).as("still replaying at the kill").isEqualTo("RUNNING");
        long killedAt = System.currentTimeMillis();
        Processes.run(REPO, Map.of(), Duration.ofSeconds(30), List.of("kill", "-9", Long.toString(taskManager.pid())))
                .requireSuccess();
        Awaitility.await("the TaskManager gone").atMost(Duration.ofMinutes(1)).until(() -> !taskManager.isAlive());
        long committedAtKill;
        try (Harvest atKill = new Harvest(crashed)) {
            committedAtKill = atKill.prices().size();
        }

        assertThat(script(Duration.ofMinutes(3), "taskmanager-restart.sh").output()).contains("Restarted 1 TaskManager(s)");
        ProcessHandle.of(Long.parseLong(Files.readString(CLUSTER_HOME.resolve("run/taskmanager-1.pid")).trim()))
                .ifPresent(clusterProcesses::add);
        Awaitility.await("the job restored from its last checkpoint and running").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    JsonNode job = rest("/jobs/" + crashJob);
                    return job.path("state").asText().equals("RUNNING")
                            && job.findValuesAsText("status").stream().allMatch(s -> s.equals("RUNNING") || s.equals("FINISHED"))
                            && !rest("/jobs/" + crashJob + "/checkpoints").at("/latest/restored").isMissingNode();
                });
        long runningAgainAt = System.currentTimeMillis();
        JsonNode restored = rest("/jobs/" + crashJob + "/checkpoints").at("/latest/restored");
        assertThat(restored.path("is_savepoint").asBoolean()).isFalse();
        Awaitility.await("the replay finished").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> rest("/jobs/" + crashJob).path("state").asText().equals("FINISHED"));
        uninterrupted.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        Map<String, List<Object>> expected = rowsOfEveryKind(reference);
        Map<String, List<Object>> actual = rowsOfEveryKind(crashed);
        assertThat(expected.get("prices")).as("the kill came midway").hasSizeGreaterThan((int) committedAtKill);
        expected.forEach((kind, rows) -> assertThat(actual.get(kind)).as(kind).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(rows));

        // Every in-progress file is the dead attempt's now: the finished job committed all of its own.
        long orphans;
        try (Harvest harvest = new Harvest(crashed)) {
            orphans = harvest.inProgressFiles();
        }
        assertThat(orphans).as("in-progress files the dead attempt left").isPositive();
        String minAge = Long.toString((System.currentTimeMillis() - killedAt) / 1000 - 1);
        String listed = script(Duration.ofMinutes(1), "orphans.sh", "--data", crashed.toString(), "--min-age-sec", minAge).output();
        assertThat(listed).contains(orphans + " orphaned in-progress files", "Remove them with --remove");
        script(Duration.ofMinutes(1), "orphans.sh", "--data", crashed.toString(), "--min-age-sec", minAge, "--remove");
        try (Harvest harvest = new Harvest(crashed)) {
            assertThat(harvest.inProgressFiles()).isZero();
        }
        Map<String, List<Object>> afterRemoval = rowsOfEveryKind(crashed);
        actual.forEach((kind, rows) -> assertThat(afterRemoval.get(kind)).as(kind).containsExactlyInAnyOrderElementsOf(rows));
        System.out.printf("crash test: restored from checkpoint %d, running again %d ms after the kill -9; %d orphaned"
                        + " in-progress files; %d prices rows committed at the kill of %d; test %d s%n",
                restored.path("id").asLong(), runningAgainAt - killedAt, orphans, committedAtKill,
                expected.get("prices").size(), (System.nanoTime() - testStart) / 1_000_000_000);
    }

    /** The test recordings (two symbols, six minutes) at 20 times their pace: 18 s, nine checkpoints. */
    private static List<String> crashReplay(Path out) {
        Path recordings = REPO.resolve("core/src/test/resources/recordings/hftbacktest-spot");
        return List.of("--parallelism", "2", "--profile", "harvest", "--source", "replay", "--binance-market", "spot",
                "--replay-files", recordings.resolve("btcusdt_20240808.gz") + "," + recordings.resolve("ethusdt_20240808.gz"),
                "--replay-speed", Integer.toString(CRASH_REPLAY_SPEED), "--parquet-rotate-sec", "2",
                "--output-dir", out.toString());
    }

    /** The job as submit-job.sh runs it (its flags, less the submission's own), on a MiniCluster in this JVM. */
    private static JobClient runInThisJvm(List<String> submission) throws Exception {
        OrderflowConfig config = OrderflowConfig.load(submission.subList(2, submission.size()).toArray(String[]::new), Map.of());
        Configuration patient = new Configuration();
        // beside a cluster on two loaded cores, its submission can take longer than the 10 s default
        patient.set(RpcOptions.ASK_TIMEOUT_DURATION, Duration.ofMinutes(1));
        StreamExecutionEnvironment env = TestEnvironments.create(patient);
        new OrderflowJob(config, MarketSources.fromConfig(config), OrderflowJob.parquetSinks(config)).addTo(env);
        return env.executeAsync("uninterrupted replay");
    }

    private static Map<String, List<Object>> rowsOfEveryKind(Path dir) throws Exception {
        try (Harvest harvest = new Harvest(dir)) {
            Map<String, List<Object>> rows = new TreeMap<>();
            rows.put("prices", List.copyOf(harvest.prices()));
            rows.put("ofi", List.copyOf(harvest.ofi()));
            rows.put("cvd", List.copyOf(harvest.cvd()));
            rows.put("klines", List.copyOf(harvest.klines()));
            rows.put("fusion", List.copyOf(harvest.fusion()));
            rows.put("events", List.copyOf(harvest.events()));
            return rows;
        }
    }

    private static long committedFiles(Path dir) throws Exception {
        try (Harvest harvest = new Harvest(dir)) {
            return harvest.committedFiles();
        }
    }

    private JsonNode rest(String path) throws Exception {
        HttpResponse<String> response = get("http://127.0.0.1:" + restPort + path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String submit(String script, List<String> jobArguments) throws Exception {
        List<String> args = new ArrayList<>(List.of(script));
        args.addAll(jobArguments);
        String out = script(Duration.ofMinutes(3), args.toArray(String[]::new)).output();
        Matcher id = JOB_ID.matcher(out);
        assertThat(id.find()).as(out).isTrue();
        return id.group(1);
    }

    private String submitUnchecked(List<String> jobArguments) {
        try {
            return submit("submit-job.sh", jobArguments);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private Processes.Result script(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("jobs/" + args[0]));
        command.addAll(List.of(args).subList(1, args.length));
        return Processes.run(REPO, env, timeout, command).requireSuccess();
    }

    private void awaitPerSymbol(String promql, DoublePredicate valid) {
        awaitPerSymbol(promql, SYMBOLS, valid);
    }

    private void awaitPerSymbol(String promql, List<String> symbols, DoublePredicate valid) {
        await(promql, r -> r.keySet().containsAll(symbols) && symbols.stream().allMatch(s -> valid.test(r.get(s))));
    }

    private void await(String promql, Predicate<Map<String, Double>> done) {
        AtomicReference<Map<String, Double>> last = new AtomicReference<>();
        try {
            Awaitility.await(promql).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                last.set(query(promql));
                return done.test(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Prometheus answered " + last.get() + " to " + promql, e);
        }
    }

    /** An instant query: each series' value, by its symbol (or operator, or job) label. */
    private Map<String, Double> query(String promql) throws Exception {
        JsonNode result = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
        Map<String, Double> values = new TreeMap<>();
        for (JsonNode series : result) {
            JsonNode labels = series.path("metric");
            String key = labels.has("symbol") ? labels.get("symbol").asText()
                    : labels.has("operator_name") ? labels.get("operator_name").asText()
                    : labels.path("job_id").asText();
            values.put(key, Double.parseDouble(series.path("value").get(1).asText()));
        }
        return values;
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = get("http://127.0.0.1:" + prometheusPort + path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
