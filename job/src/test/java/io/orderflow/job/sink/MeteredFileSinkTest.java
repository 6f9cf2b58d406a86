package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.model.PriceRow;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.connector.file.sink.FileSinkCommittable;
import org.apache.flink.connector.file.sink.writer.FileWriterBucketState;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class MeteredFileSinkTest {

    private static final PriceRow ROW = new PriceRow(1, 1, "BTCUSDT", 1.0, 1.0, 1, 0, 0.0);

    private final MetricListener metrics = new MetricListener();
    private final FailingWriter inner = new FailingWriter();
    private final MeteredFileSink.Writer<PriceRow, FailingWriter> writer =
            new MeteredFileSink.Writer<>(inner, metrics.getMetricGroup());

    @Test
    void countsEveryFailedWriteFlushAndCommitAndPassesTheFailureOn() throws Exception {
        writer.write(ROW, null);
        inner.fail = true;
        assertThatThrownBy(() -> writer.write(ROW, null)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class);
        assertThatThrownBy(writer::prepareCommit).isInstanceOf(IOException.class);
        assertThat(metrics.getCounter(MeteredFileSink.WRITE_ERRORS).orElseThrow().getCount()).isEqualTo(3);
        assertThat(inner.written).isEqualTo(1);
    }

    @Test
    void reportsHowLongTheLastCheckpointTookToFinishTheFiles() throws Exception {
        Gauge<Double> flushSeconds = metrics.<Double>getGauge(MeteredFileSink.FLUSH_SECONDS).orElseThrow();
        assertThat(flushSeconds.getValue()).as("before any checkpoint").isNaN();
        writer.write(ROW, null);
        writer.flush(false);
        assertThat(writer.prepareCommit()).isEmpty();
        assertThat(flushSeconds.getValue()).isPositive().isLessThan(1.0);
        assertThat(metrics.getCounter(MeteredFileSink.WRITE_ERRORS).orElseThrow().getCount()).isZero();
    }

    /** A writer that fails on demand, standing in for FileWriter on a broken disk. */
    static final class FailingWriter implements StatefulSinkWriter<PriceRow, FileWriterBucketState>,
            CommittingSinkWriter<PriceRow, FileSinkCommittable> {
        boolean fail;
        int written;

        @Override
        public void write(PriceRow element, Context context) throws IOException {
            failIfAsked();
            written++;
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            failIfAsked();
        }

        @Override
        public Collection<FileSinkCommittable> prepareCommit() throws IOException {
            failIfAsked();
            return List.of();
        }

        @Override
        public List<FileWriterBucketState> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public void close() {}

        private void failIfAsked() throws IOException {
            if (fail) {
                throw new IOException("No space left on device");
            }
        }
    }
}
