package io.orderflow.tools.dq;

import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.ParquetRowKind;
import io.orderflow.job.sink.ParquetSinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystem.WriteMode;

/**
 * Writes a harvest as the job does, without a Flink job: the job's Parquet writer and footer
 * ({@link ParquetSinks#writerFactory}), its partitioning ({@code date=D/symbol=S/kind=K}, the UTC date
 * of the row's time) and the file names the sink wrote before the hourly publisher, one committed file
 * per call, like one checkpoint's file.
 */
public final class HarvestWriter {

    private final Path root;

    public HarvestWriter(Path root) {
        this.root = root;
    }

    /** The footer the job writes for this configuration ({@code OrderflowJob.parquetSinks}), plus a source if given. */
    static Map<String, String> footer(OrderflowConfig config, String source) {
        Map<String, String> footer = new HashMap<>();
        footer.put(ParquetSinks.CONFIG_KEY, config.toMap().toString());
        if (source != null) {
            footer.put(ParquetSinks.SOURCE_KEY, source);
        }
        return footer;
    }

    /** Writes {@code rows}, which must share one partition, as one committed part file. */
    public <T> Path write(ParquetRowKind<T> kind, OrderflowConfig config, String source, List<T> rows) throws IOException {
        Path file = partition(kind, rows.get(0)).resolve("part-" + UUID.randomUUID() + "-0.parquet");
        Files.createDirectories(file.getParent());
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), WriteMode.NO_OVERWRITE)) {
            BulkWriter<T> writer = ParquetSinks.writerFactory(kind, config.fingerprint(), footer(config, source))
                    .create(out);
            for (T row : rows) {
                writer.addElement(row);
            }
            writer.finish();
        }
        return file;
    }

    /** The partition directory of {@code row}. */
    <T> Path partition(ParquetRowKind<T> kind, T row) {
        return root.resolve("date=" + Instant.ofEpochMilli(kind.tsMs(row)).atZone(ZoneOffset.UTC).toLocalDate())
                .resolve("symbol=" + kind.symbol(row)).resolve("kind=" + kind.name());
    }
}
