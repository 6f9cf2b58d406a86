package io.orderflow.job.sink;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.connector.file.sink.FileSinkCommittable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a kind's FileSink commits (its post-commit topology, one subtask), publishes the committed
 * staged files into hour files ({@link HourlyPublisher}).
 *
 * <p>The work runs on a thread of its own, asked for again by every committed file and done once for
 * all that arrived meanwhile: the task thread never waits on it, so neither do checkpoint barriers.
 * The staged files on disk are the whole truth, so the operator keeps no state: it publishes what is
 * waiting when it starts (after a failure, whatever the last attempt did not finish) and, at the end
 * of a bounded input, waits until everything is published. A publish that fails is logged and counted
 * ({@value #ERRORS}) and retried on the next commit: the rows stay staged, durable, until it succeeds.
 */
final class PublishOperator extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<FileSinkCommittable>, Void>, BoundedOneInput {

    static final String ERRORS = "publish_errors_total";
    static final String ROWS = "published_rows_total";
    static final String SECONDS = "publish_sec";
    static final String WAITING = "staged_files_waiting";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PublishOperator.class);

    private final String outputDir;
    private final ParquetRowKind<?> kind;

    private transient HourlyPublisher publisher;
    private transient ExecutorService worker;
    private transient AtomicBoolean requested;
    private transient Counter errors;
    private transient Counter rows;
    private transient volatile double lastSeconds;
    private transient volatile int waiting;

    PublishOperator(String outputDir, ParquetRowKind<?> kind) {
        this.outputDir = outputDir;
        this.kind = kind;
    }

    @Override
    public void open() throws Exception {
        super.open();
        publisher = new HourlyPublisher(Path.of(outputDir), kind);
        requested = new AtomicBoolean();
        lastSeconds = Double.NaN;
        errors = getMetricGroup().counter(ERRORS);
        rows = getMetricGroup().counter(ROWS);
        getMetricGroup().gauge(SECONDS, () -> lastSeconds);
        getMetricGroup().gauge(WAITING, () -> waiting);
        worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "publish-" + kind.name());
            thread.setDaemon(true);
            return thread;
        });
        request();
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<FileSinkCommittable>> element) {
        request();
    }

    @Override
    public void endInput() throws Exception {
        worker.execute(() -> publish(true));
        worker.shutdown();
        while (!worker.awaitTermination(1, TimeUnit.SECONDS)) {
            LOG.info("Waiting for the last publish of kind '{}'", kind.name());
        }
    }

    @Override
    public void close() throws Exception {
        if (worker != null) {
            worker.shutdownNow(); // a publish cut short is finished by the next attempt
            worker.awaitTermination(10, TimeUnit.SECONDS);
        }
        super.close();
    }

    private void request() {
        if (!worker.isShutdown() && requested.compareAndSet(false, true)) {
            worker.execute(() -> publish(false));
        }
    }

    private void publish(boolean sealAll) {
        requested.set(false);
        long start = System.nanoTime();
        try {
            HourlyPublisher.Published published = publisher.publish(sealAll);
            rows.inc(published.rows());
            lastSeconds = (System.nanoTime() - start) / 1e9;
            waiting = publisher.waiting();
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closing
            }
            errors.inc();
            LOG.error("Publishing kind '{}' failed; its staged files wait for the next commit", kind.name(), e);
        }
    }
}
