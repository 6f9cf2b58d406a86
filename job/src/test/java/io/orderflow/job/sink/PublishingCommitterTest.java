package io.orderflow.job.sink;

import static io.orderflow.job.sink.HourlyPublisherTest.stage;
import static io.orderflow.job.sink.HourlyPublisherTest.trades;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.connector.file.sink.FileSinkCommittable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishingCommitterTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final String FINGERPRINT = "0123456789abcdef";

    @TempDir
    Path out;

    private final MetricListener metrics = new MetricListener();
    private final DelayRecordingWorker worker = new DelayRecordingWorker();
    private int commits;

    @Test
    void aCommitIsPublishedAtOnceUnlessAnotherWasPublishedLessThanTheIntervalAgo() throws Exception {
        PublishingCommitter committer = new PublishingCommitter(new CountingCommitter(), out, RowKinds.PRICES,
                INTERVAL, metrics.getMetricGroup(), worker);
        Counter rows = metrics.getCounter(PublishingCommitter.ROWS).orElseThrow();
        Awaitility.await().until(() -> worker.completed() == 1); // the start-up sweep, which found nothing

        stage(out, "2024-08-08", "13", "part-a-0", FINGERPRINT, trades(1, 2, "BTCUSDT"));
        committer.commit(List.of());
        Awaitility.await().until(() -> rows.getCount() == 2);
        stage(out, "2024-08-08", "13", "part-a-1", FINGERPRINT, trades(3, 1, "BTCUSDT"));
        committer.commit(List.of());
        Awaitility.await().until(() -> rows.getCount() == 3);

        assertThat(commits).isEqualTo(2);
        assertThat(worker.delaysMs).hasSize(3);
        assertThat(worker.delaysMs.get(0)).as("the start-up sweep").isZero();
        assertThat(worker.delaysMs.get(1)).as("the first commit, after a sweep that found nothing").isZero();
        assertThat(worker.delaysMs.get(2)).as("the next commit waits out the interval")
                .isBetween(INTERVAL.toMillis() - 10_000, INTERVAL.toMillis());
        assertThat(metrics.getGauge(PublishingCommitter.WAITING).orElseThrow().getValue()).isEqualTo(0);

        committer.close();
        assertThat(worker.isShutdown()).isTrue();
        assertThat(metrics.getCounter(PublishingCommitter.SEALED).orElseThrow().getCount())
                .as("the hour of two publishes, at the close").isOne();
        Path hourFile = out.resolve("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-13-" + FINGERPRINT + ".parquet");
        assertThat(Files.exists(hourFile)).isTrue();
        assertThat(metrics.getCounter(PublishingCommitter.ERRORS).orElseThrow().getCount()).isZero();
    }

    /** Records each delay asked for and runs the task at once, so that a test need not wait it out. */
    private static final class DelayRecordingWorker extends ScheduledThreadPoolExecutor {

        final List<Long> delaysMs = new CopyOnWriteArrayList<>();

        DelayRecordingWorker() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            delaysMs.add(unit.toMillis(delay));
            return super.schedule(task, 0, unit);
        }

        long completed() {
            return getCompletedTaskCount();
        }
    }

    private final class CountingCommitter implements Committer<FileSinkCommittable> {

        @Override
        public void commit(Collection<CommitRequest<FileSinkCommittable>> requests) {
            commits++;
        }

        @Override
        public void close() {}
    }
}
