package io.orderflow.job.sink;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.SupportsConcurrentExecutionAttempts;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.sink.FileSinkCommittable;
import org.apache.flink.connector.file.sink.writer.FileWriterBucketState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A {@link FileSink} with the write metrics of the harvest spec on its writer:
 * {@code write_errors_total} (writes, flushes and commits that threw: the job then fails and
 * restores from its last checkpoint, so no row is lost) and {@code parquet_flush_sec} (how long the
 * last checkpoint took to finish the writer's in-progress Parquet files: row groups and footers).
 *
 * <p>It is the FileSink in every other respect: it implements the same sink interfaces and hands
 * each call to it, so the commit protocol, state and state names are the FileSink's own. After each
 * commit it publishes the committed files ({@link PublishingCommitter}).
 */
public final class MeteredFileSink<T>
        implements Sink<T>,
                SupportsWriterState<T, FileWriterBucketState>,
                SupportsWriterState.WithCompatibleState,
                SupportsCommitter<FileSinkCommittable>,
                SupportsPreCommitTopology<FileSinkCommittable, FileSinkCommittable>,
                SupportsConcurrentExecutionAttempts {

    public static final String WRITE_ERRORS = "write_errors_total";
    public static final String FLUSH_SECONDS = "parquet_flush_sec";

    private final FileSink<T> sink;
    private final String outputDir;
    private final ParquetRowKind<?> kind;
    private final long publishIntervalMs;

    /** @param outputDir where the committed files of {@code kind} are published ({@link PublishingCommitter}) */
    MeteredFileSink(FileSink<T> sink, java.nio.file.Path outputDir, ParquetRowKind<?> kind, Duration publishInterval) {
        this.sink = sink;
        this.outputDir = outputDir.toString();
        this.kind = kind;
        this.publishIntervalMs = publishInterval.toMillis();
    }

    @Override
    public StatefulSinkWriter<T, FileWriterBucketState> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(sink.createWriter(context), context.metricGroup());
    }

    @Override
    public StatefulSinkWriter<T, FileWriterBucketState> restoreWriter(
            WriterInitContext context, Collection<FileWriterBucketState> state) throws IOException {
        return new Writer<>(sink.restoreWriter(context, state), context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<FileWriterBucketState> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public Collection<String> getCompatibleWriterStateNames() {
        return sink.getCompatibleWriterStateNames();
    }

    @Override
    public Committer<FileSinkCommittable> createCommitter(CommitterInitContext context) throws IOException {
        return new PublishingCommitter(sink.createCommitter(context), java.nio.file.Path.of(outputDir), kind,
                Duration.ofMillis(publishIntervalMs), context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<FileSinkCommittable> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    @Override
    public DataStream<CommittableMessage<FileSinkCommittable>> addPreCommitTopology(
            DataStream<CommittableMessage<FileSinkCommittable>> committables) {
        return sink.addPreCommitTopology(committables);
    }

    @Override
    public SimpleVersionedSerializer<FileSinkCommittable> getWriteResultSerializer() {
        return sink.getWriteResultSerializer();
    }

    /** The FileSink's writer (or any writer of its kind), timed and counted. */
    static final class Writer<T, W extends StatefulSinkWriter<T, FileWriterBucketState>
                    & CommittingSinkWriter<T, FileSinkCommittable>>
            implements StatefulSinkWriter<T, FileWriterBucketState>, CommittingSinkWriter<T, FileSinkCommittable> {

        private final W writer;
        private final Counter writeErrors;
        private volatile double lastFlushSeconds = Double.NaN;
        private long flushNanos;

        Writer(W writer, MetricGroup group) {
            this.writer = writer;
            this.writeErrors = group.counter(WRITE_ERRORS, new SimpleCounter());
            group.gauge(FLUSH_SECONDS, () -> lastFlushSeconds);
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            try {
                writer.write(element, context);
            } catch (IOException | RuntimeException e) {
                writeErrors.inc();
                throw e;
            }
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            writer.writeWatermark(watermark);
        }

        /** Before each checkpoint the operator flushes, then prepares the commit: both are timed. */
        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            long start = System.nanoTime();
            try {
                writer.flush(endOfInput);
            } catch (IOException | RuntimeException e) {
                writeErrors.inc();
                throw e;
            }
            flushNanos = System.nanoTime() - start;
        }

        @Override
        public Collection<FileSinkCommittable> prepareCommit() throws IOException, InterruptedException {
            long start = System.nanoTime();
            Collection<FileSinkCommittable> committables;
            try {
                committables = writer.prepareCommit();
            } catch (IOException | RuntimeException e) {
                writeErrors.inc();
                throw e;
            }
            lastFlushSeconds = (flushNanos + System.nanoTime() - start) / 1e9;
            flushNanos = 0;
            return committables;
        }

        @Override
        public List<FileWriterBucketState> snapshotState(long checkpointId) throws IOException {
            return writer.snapshotState(checkpointId);
        }

        @Override
        public void close() throws Exception {
            writer.close();
        }
    }
}
