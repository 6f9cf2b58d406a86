package io.orderflow.tools.local;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.FeedReports;
import io.orderflow.job.MarketSources;
import io.orderflow.job.OrderflowJob;
import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.HourlyPublisher;
import io.orderflow.job.config.SourceKind;
import io.orderflow.job.source.binance.BinanceSource;
import io.orderflow.testkit.loopback.LoopbackExchange;
import io.orderflow.tools.dq.DqCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * README command 1: the job in a local Flink MiniCluster, with the Web UI on 127.0.0.1, Parquet
 * under OUTPUT_DIR, a line per symbol on the console every second and a summary line every
 * CONSOLE_SUMMARY_SEC ({@link ConsoleSummary}). With SOURCE=loopback (the
 * demo profile) it first starts a Binance-compatible exchange on loopback and reads it through the
 * real WebSocket source; any other SOURCE is read as configured.
 *
 * <p>Unless SERVER_PORT is 0 or LIVE_URL is set, the stream server runs in the same process, from
 * before the job starts until after it stopped, and the job's live rows go to it ({@link LocalServer}).
 *
 * <p>Ctrl+C or SIGTERM stops the job with a savepoint, so the last Parquet files are committed, and
 * the process exits 0. {@code RESUME_FROM} starts a run from a savepoint; {@code latest} means the
 * newest one under STATE_DIR/savepoints. The same path serves local harvest runs (jobs/harvest.sh). The signals are caught rather than left to shutdown hooks: during JVM
 * shutdown Flink's own hooks would tear the MiniCluster down under the savepoint.
 */
public final class LocalDemo {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDemo.class);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);
    /** The exit status of a run the data-quality preflight stopped. */
    static final int PREFLIGHT_FAILED_EXIT_STATUS = 4;
    /** The loopback exchange keeps a deeper book than the job reads, as a real one does. */
    private static final int LOOPBACK_BOOK_LEVELS = 20;
    private static final MemorySize MINI_CLUSTER_NETWORK_MEMORY = MemorySize.ofMebiBytes(32);

    private final OrderflowConfig config;
    private final CompletableFuture<String> stopRequested = new CompletableFuture<>();

    LocalDemo(OrderflowConfig config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        OrderflowConfig config = OrderflowJob.configOrExit(args);
        try {
            System.exit(new LocalDemo(config).run());
        } catch (ConfigException e) {
            System.err.println("orderflow: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Flink settings of a local run: flink-conf/ if present, then this run's ports and paths.
     *
     * @throws ConfigException if RESUME_FROM is {@code latest} and there is no savepoint
     */
    public static Configuration flinkConfiguration(OrderflowConfig config) {
        Path confDir = Path.of("flink-conf");
        Configuration conf = Files.isDirectory(confDir)
                ? GlobalConfiguration.loadConfiguration(confDir.toString())
                : new Configuration();
        Path state = Path.of(config.stateDir()).toAbsolutePath();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, config.webUiPort());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, state.resolve("checkpoints").toUri().toString());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, state.resolve("savepoints").toUri().toString());
        sizeMiniCluster(conf);
        Optional<String> resumeFrom = config.resumeFrom();
        if (resumeFrom.isPresent()) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, resumeFrom.get().equals(Savepoints.LATEST)
                    ? latestSavepoint(state.resolve("savepoints"))
                    : resumeFrom.get());
        }
        return conf;
    }

    /**
     * The MiniCluster's own memory. It runs in this JVM, which jobs/lib/local-run.sh sizes (JAVA_HEAP,
     * docs/operations.md#memory-of-local-runs), so the cluster's process sizes do not apply (Flink only
     * warns about them) and the tasks' heap and off-heap are the JVM's. What it does size are its
     * buffers: the network buffers are direct memory allocated at start, 64 MB by default; the job's
     * shuffles at parallelism 2 hold about 200 of its 1,024 buffers (32 KB each), within MaxDirectMemorySize.
     * Managed memory is 0: the hashmap state backend keeps state on the heap and no operator uses it.
     */
    private static void sizeMiniCluster(Configuration conf) {
        conf.removeConfig(TaskManagerOptions.TOTAL_PROCESS_MEMORY);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MINI_CLUSTER_NETWORK_MEMORY);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MINI_CLUSTER_NETWORK_MEMORY);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ZERO);
    }

    private static String latestSavepoint(Path savepoints) {
        Path latest;
        try {
            latest = Savepoints.latest(savepoints).orElseThrow(() -> new ConfigException(
                    "RESUME_FROM=latest but there is no savepoint under " + savepoints
                            + ": stop a run with Ctrl+C first, or give a savepoint's path"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the savepoints under " + savepoints, e);
        }
        LOG.info("Resuming from the newest savepoint: {}", latest.toUri());
        return latest.toUri().toString();
    }

    int run() throws Exception {
        // The server first: a port in use stops the run before the MiniCluster starts. Closed last, after the job.
        try (LocalServer server = LocalServer.start(config).orElse(null);
                LoopbackExchange exchange = config.source() == SourceKind.LOOPBACK ? startLoopbackExchange() : null) {
            Source<MarketEvent, ?, ?> source = exchange == null
                    ? MarketSources.fromConfig(config)
                    : MarketSources.binance(config, exchange.wsBaseUrl(), exchange.restBaseUrl());
            return run(source, server);
        }
    }

    /** A Binance-compatible exchange on loopback, fed by the synthetic market, for SOURCE=loopback. */
    private LoopbackExchange startLoopbackExchange() {
        LoopbackExchange exchange = LoopbackExchange.builder()
                .market(config.binanceMarket())
                .symbols(config.symbols())
                .seed(config.marketSeed())
                .eventsPerSecondPerSymbol(config.marketRate())
                .bookLevels(Math.max(LOOPBACK_BOOK_LEVELS, config.bookLevels()))
                .build();
        exchange.start();
        System.out.printf("Loopback exchange (Binance %s wire format): %s  REST %s%n",
                config.binanceMarket().name().toLowerCase(Locale.ROOT), exchange.wsBaseUrl(), exchange.restBaseUrl());
        return exchange;
    }

    private int run(Source<MarketEvent, ?, ?> source, LocalServer server) throws Exception {
        Configuration conf = flinkConfiguration(config);
        ConsoleMetrics.addTo(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        OrderflowConfig jobConfig = server == null ? config : server.sendingHere(config);
        OrderflowJob.Signals signals = new OrderflowJob(jobConfig, source, OrderflowJob.parquetSinks(jobConfig),
                OrderflowJob.liveSink(jobConfig)).addTo(env);
        signals.ofi().sinkTo(ConsoleBoard.ofiTap()).name("console: ofi");
        signals.cvd().sinkTo(ConsoleBoard.cvdTap()).name("console: cvd");
        signals.prices().sinkTo(ConsoleBoard.pricesTap()).name("console: prices");

        try (HarvestChecks checks = HarvestChecks.start(config, runTag(), Clock.systemUTC(), System.out).orElse(null)) {
            OptionalInt handoffCapacity = source instanceof BinanceSource binance
                    ? OptionalInt.of(binance.config().handoffCapacity())
                    : OptionalInt.empty();
            return run(env, checks, handoffCapacity, server == null
                    ? jobConfig.liveUrl().map(url -> "rows sent to " + url + "\n  Page     on that server, at /").orElse("none (SERVER_PORT=0)")
                    : server.address() + "  (/ws/stream, /history, /health: docs/server.md)\n  Page     " + server.address()
                            + "/  (price, OFI, CVD, fusion and events, live)");
        }
    }

    private int run(StreamExecutionEnvironment env, HarvestChecks checks, OptionalInt handoffCapacity, String live)
            throws Exception {
        JobClient job = env.executeAsync("orderflow demo " + String.join(",", config.symbols()));
        Signal.handle(new Signal("INT"), this::onSignal);
        Signal.handle(new Signal("TERM"), this::onSignal);
        // Logged, not printed: a harvest's run log (jobs/harvest.sh) records what ran, where, and how it ended.
        LOG.info("orderflow: job {}\n  Web UI   http://127.0.0.1:{}\n  Live     {}\n  Parquet  {}\n  Data quality  {}\n"
                        + "  Ctrl+C stops it with a savepoint.",
                job.getJobID(), config.webUiPort(), live, Path.of(config.outputDir()).toAbsolutePath(),
                checks == null ? "no reports (PREFLIGHT_MIN=0, DQ_EVERY_HOURS=0)"
                        : HarvestChecks.describe(config) + ", under " + Path.of(config.dqReportDir()).toAbsolutePath());
        CompletableFuture<DqCommand.Outcome> preflight = checks == null ? CompletableFuture.completedFuture(null) : checks.preflight();
        preflight.thenAccept(outcome -> {
            if (outcome != null && outcome.failed()) {
                stopRequested.complete("data-quality preflight failed");
            }
        });

        CompletableFuture<JobExecutionResult> finished = job.getJobExecutionResult();
        Instant nextSummary = Instant.now().plus(config.consoleSummaryEvery());
        while (!finished.isDone() && !stopRequested.isDone()) {
            try {
                CompletableFuture.anyOf(finished, stopRequested).get(1, TimeUnit.SECONDS);
            } catch (TimeoutException tick) {
                // A replay holds the symbols its recordings hold, whatever SYMBOLS says.
                System.out.print(ConsoleBoard.render(config.source() == SourceKind.REPLAY ? List.of() : config.symbols()));
                Instant now = Instant.now();
                if (!now.isBefore(nextSummary)) {
                    System.out.println(ConsoleSummary.line(now, ConsoleMetrics.inThisJvm().read(), config.source(),
                            handoffCapacity));
                    nextSummary = now.plus(config.consoleSummaryEvery());
                }
            }
        }
        if (stopRequested.isDone() && !finished.isDone()) {
            LOG.info("{}: stopping with a savepoint (Ctrl+C again aborts)...", stopRequested.get());
            String savepoint = job.stopWithSavepoint(false, null, SavepointFormatType.CANONICAL)
                    .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Savepoint: {}\n  resume with the same settings and --resume-from latest (or --resume-from {})",
                    savepoint, savepoint);
        }
        JobExecutionResult result;
        try {
            result = finished.get();
        } catch (Exception e) {
            LOG.error("The job failed", e);
            return 1;
        }
        long inProgress = countUnpublishedFiles(Path.of(config.outputDir()));
        if (inProgress > 0) {
            LOG.error("{} in-progress or unpublished Parquet files were left under {}", inProgress, config.outputDir());
            return 1;
        }
        LOG.info("Stopped; every Parquet file is committed and published.");
        DqCommand.Outcome preflightOutcome = preflight.getNow(null);
        if (preflightOutcome != null && preflightOutcome.failed()) {
            LOG.error("Stopped by the data-quality preflight; its report is {}", preflightOutcome.report());
            return PREFLIGHT_FAILED_EXIT_STATUS;
        }
        if (checks != null) {
            checks.finalReport();
        }
        return FeedReports.of(result).report(System.out, config.allowUnsynced());
    }

    /** The run's name in its reports and log: {@code orderflow.run.tag} (set by jobs/harvest.sh), or the start time. */
    private static String runTag() {
        return System.getProperty("orderflow.run.tag",
                "run_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC).format(Instant.now()));
    }

    private void onSignal(Signal signal) {
        if (!stopRequested.complete("SIG" + signal.getName())) {
            System.err.println("Second signal: aborting without a savepoint.");
            Runtime.getRuntime().halt(130);
        }
    }

    /**
     * FileSink's files not yet committed by a checkpoint (hidden and named ...inprogress...), and
     * committed staged files not yet published into the hour files.
     */
    static long countUnpublishedFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.contains(".inprogress") || HourlyPublisher.isStaged(name))
                    .count();
        }
    }
}
