package io.orderflow.job.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.connector.file.sink.FileSinkCommittable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FileSink's committer, followed by the publishing of what it committed into hour files
 * ({@link HourlyPublisher}).
 *
 * <p>The publishing runs on a thread of its own, asked for again by every commit and done once for
 * all that arrived meanwhile, at least {@code publishInterval} after the last one began (each
 * publish adds a row group to each file of the current hour, and its footer stays in the file until
 * the hour is sealed). The committer (chained to the writer) never waits on it, so neither do the
 * rows nor the checkpoint barriers. The staged files on disk are the whole truth, so it keeps
 * no state: it publishes what is waiting when it starts (after a failure, whatever the last attempt
 * left) and, when the committer closes (after the final checkpoint's commit of a bounded input, or
 * cancelled), publishes everything and seals what a minute allows before returning. A publish that fails is logged and counted
 * ({@value #ERRORS}) and retried on the next commit: the rows stay staged, durable, until it succeeds.
 */
public final class PublishingCommitter implements Committer<FileSinkCommittable> {

    public static final String ERRORS = "publish_errors_total";
    public static final String ROWS = "published_rows_total";
    public static final String SECONDS = "publish_sec";
    public static final String SEALED = "sealed_files_total";
    public static final String WAITING = "staged_files_waiting";

    private static final Logger LOG = LoggerFactory.getLogger(PublishingCommitter.class);

    private final Committer<FileSinkCommittable> committer;
    private final HourlyPublisher publisher;
    private final String kind;
    private final ScheduledExecutorService worker;
    private final long intervalNanos;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile long lastStartNanos;
    private final Counter errors;
    private final Counter rows;
    private final Counter sealed;
    private volatile double lastSeconds = Double.NaN;
    private volatile int waiting;

    PublishingCommitter(Committer<FileSinkCommittable> committer, Path outputDir, ParquetRowKind<?> kind,
            Duration publishInterval, MetricGroup metrics) {
        this(committer, outputDir, kind, publishInterval, metrics, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "publish-" + kind.name());
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** @param worker a single thread, which the committer shuts down when it closes */
    PublishingCommitter(Committer<FileSinkCommittable> committer, Path outputDir, ParquetRowKind<?> kind,
            Duration publishInterval, MetricGroup metrics, ScheduledExecutorService worker) {
        this.committer = committer;
        this.intervalNanos = publishInterval.toNanos();
        this.publisher = new HourlyPublisher(outputDir, kind);
        this.kind = kind.name();
        this.errors = metrics.counter(ERRORS);
        this.rows = metrics.counter(ROWS);
        this.sealed = metrics.counter(SEALED);
        metrics.gauge(SECONDS, () -> lastSeconds);
        metrics.gauge(WAITING, () -> waiting);
        this.worker = worker;
        lastStartNanos = System.nanoTime() - intervalNanos;
        request();
    }

    @Override
    public void commit(Collection<CommitRequest<FileSinkCommittable>> requests) throws IOException, InterruptedException {
        committer.commit(requests);
        request();
    }

    /** After the last commit: everything is published, and sealed as far as time allows, before the sink closes. */
    @Override
    public void close() throws Exception {
        try {
            committer.close();
            worker.submit(() -> publish(true)).get();
        } catch (ExecutionException e) {
            throw new IOException("the last publish of kind " + kind + " failed", e.getCause());
        } finally {
            worker.shutdownNow(); // a publish cut short is finished by the next attempt
            worker.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void request() {
        if (requested.compareAndSet(false, true)) {
            long waitNanos = Math.max(0, lastStartNanos + intervalNanos - System.nanoTime());
            worker.schedule(() -> publish(false), waitNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void publish(boolean sealAll) {
        requested.set(false);
        long start = System.nanoTime();
        try {
            HourlyPublisher.Published published = publisher.publish(sealAll);
            if (published.stagedFiles() > 0) {
                lastStartNanos = start; // the interval spaces out appends, not sweeps that found nothing
            }
            rows.inc(published.rows());
            sealed.inc(published.sealed());
            if (published.sealed() > 0) {
                LOG.info("Sealed {} hour file(s) of kind '{}' in {} ms", published.sealed(), kind,
                        (System.nanoTime() - start) / 1_000_000);
            }
            lastSeconds = (System.nanoTime() - start) / 1e9;
            waiting = publisher.waiting();
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closing
            }
            errors.inc();
            LOG.error("Publishing kind '{}' failed; its staged files wait for the next commit", kind, e);
        }
    }
}
