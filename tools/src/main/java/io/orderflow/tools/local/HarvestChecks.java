package io.orderflow.tools.local;

import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.config.SourceKind;
import io.orderflow.tools.dq.DqCommand;
import io.orderflow.tools.dq.DqCommand.Outcome;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-quality reports of a local run (issue 12; docs/data-quality.md): the preflight
 * PREFLIGHT_MIN minutes in, over what this run has committed; a report over OUTPUT_DIR every
 * DQ_EVERY_HOURS; and a final one. A failing periodic report does not stop the run: it is logged at
 * WARN, counted in {@link DqMetrics}, and marks the run's tag in every later report.
 *
 * <p>One thread makes the reports, one after another, so they never read the harvest twice at once.
 */
final class HarvestChecks implements AutoCloseable {

    /** Appended to the run's tag once one of its reports has failed. */
    static final String FAILED_MARK = "+dq_failed";

    private static final Logger LOG = LoggerFactory.getLogger(HarvestChecks.class);

    private final OrderflowConfig config;
    private final String runTag;
    private final Instant start;
    private final Clock clock;
    private final PrintStream out;
    private final DqMetrics metrics;
    private final ScheduledExecutorService reporter;
    private final CompletableFuture<Outcome> preflight = new CompletableFuture<>();
    private volatile boolean marked;

    private HarvestChecks(OrderflowConfig config, String runTag, Clock clock, PrintStream out) {
        this.config = config;
        this.runTag = runTag;
        this.start = clock.instant();
        this.clock = clock;
        this.out = out;
        this.metrics = config.dqMetricsPort() == 0 ? null : DqMetrics.serve(runTag, config.dqMetricsPort());
        this.reporter = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dq reports");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The flags a run gives its reports itself, with what sets each: DQ_FLAGS may not override them. */
    private static final Map<String, String> OWN_FLAGS = Map.of(
            "--data", "OUTPUT_DIR",
            "--out", "DQ_REPORT_DIR",
            "--kind", "preflight, periodic or final",
            "--run-tag", "the run's tag",
            "--since", "the run's start, for the preflight",
            "--checkpoint-interval-sec", "PARQUET_ROTATE_SEC");

    /**
     * Checks for a run starting now; none if the configuration asks for no preflight and no reports.
     *
     * @throws ConfigException if the preflight would come before two file rotations and a publish, DQ_FLAGS has a flag
     *     the reports do not take, or DQ_METRICS_PORT is taken
     */
    static Optional<HarvestChecks> start(OrderflowConfig config, String runTag, Clock clock, PrintStream out) {
        if (config.preflightAfter().isEmpty() && config.dqEvery().isEmpty()) {
            return Optional.empty();
        }
        config.preflightAfter().ifPresent(after -> {
            long needed = 2L * config.parquetRotateSec() + config.parquetPublishSec();
            if (after.toSeconds() < needed) {
                throw new ConfigException("PREFLIGHT_MIN=" + after.toSeconds() / 60.0 + " leaves the job less than two"
                        + " PARQUET_ROTATE_SEC=" + config.parquetRotateSec() + " file rotations and a PARQUET_PUBLISH_SEC="
                        + config.parquetPublishSec() + " publish to commit and publish what the preflight judges:"
                        + " give PREFLIGHT_MIN at least " + Math.ceil(needed / 60.0) + ", or 0 to skip the preflight");
            }
        });
        DqCommand.checkFlags(config.dqFlags()).ifPresent(problem -> {
            throw new ConfigException("DQ_FLAGS: " + problem);
        });
        config.dqFlags().stream().filter(OWN_FLAGS::containsKey).findFirst().ifPresent(flag -> {
            throw new ConfigException("DQ_FLAGS: " + flag + " is the harvest's own (" + OWN_FLAGS.get(flag)
                    + "): remove it from DQ_FLAGS");
        });
        HarvestChecks checks = new HarvestChecks(config, runTag, clock, out);
        config.preflightAfter().ifPresentOrElse(
                after -> checks.reporter.schedule(checks::runPreflight, after.toMillis(), TimeUnit.MILLISECONDS),
                () -> checks.preflight.complete(null));
        config.dqEvery().ifPresent(every -> checks.reporter.scheduleAtFixedRate(
                checks::runPeriodic, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS));
        return Optional.of(checks);
    }

    /** Completes with the preflight's outcome (null when there is none). */
    CompletableFuture<Outcome> preflight() {
        return preflight;
    }

    /** The report at the end of the run, after the job has stopped and committed its files. */
    void finalReport() {
        reporter.shutdownNow();
        if (config.dqEvery().isPresent()) {
            report("final", List.of());
        }
    }

    private void runPreflight() {
        List<String> window = new ArrayList<>(List.of("--since", start.toString()));
        if (config.source() != SourceKind.REPLAY) {
            // Judged per configured symbol, so one that has committed nothing fails (a replay's symbols are its recordings').
            window.addAll(List.of("--symbols", String.join(",", config.symbols())));
        }
        Outcome outcome = report("preflight", window);
        preflight.complete(outcome);
    }

    private void runPeriodic() {
        report("periodic", List.of());
    }

    private Outcome report(String kind, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--data", config.outputDir(), "--out", config.dqReportDir(),
                "--kind", kind, "--run-tag", marked ? runTag + FAILED_MARK : runTag,
                "--checkpoint-interval-sec", Integer.toString(config.parquetRotateSec())));
        args.addAll(config.dqFlags());
        args.addAll(extra);
        Outcome outcome;
        try {
            outcome = DqCommand.run(args, clock, out, out);
        } catch (RuntimeException e) {
            // A report must never take the harvest down with it.
            LOG.warn("The {} data-quality report failed to run", kind, e);
            outcome = new Outcome(DqCommand.FAILED, null, List.of(String.valueOf(e)));
        }
        if (metrics != null) {
            metrics.reported(kind, outcome.failures().size(), clock.instant().getEpochSecond());
        }
        if (outcome.failed()) {
            marked = true;
            LOG.warn("Data quality, {} report {}: {} failing: {}", kind, outcome.report(), outcome.failures().size(),
                    String.join("; ", outcome.failures()));
        } else {
            LOG.info("Data quality, {} report {}: no verdict fails", kind, outcome.report());
        }
        return outcome;
    }

    /** How long after the start the preflight runs, for the console. */
    static String describe(OrderflowConfig config) {
        return config.preflightAfter().map(d -> "preflight after " + minutes(d)).orElse("no preflight")
                + config.dqEvery().map(d -> ", a report every " + hours(d) + " and at the end").orElse("");
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    @Override
    public void close() {
        reporter.shutdownNow();
        if (metrics != null) {
            metrics.close();
        }
    }
}
