package io.orderflow.tools.dq;

import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.HourlyPublisher;
import io.orderflow.job.sink.ParquetRowKind;
import io.orderflow.job.sink.ParquetSinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystem.WriteMode;

/**
 * Writes a harvest as readers find it, without a Flink job: the job's Parquet writer and footer
 * ({@link ParquetSinks#writerFactory}) and its {@code date=/symbol=/kind=} partitions, one file per
 * call (named {@code part-<uuid>-0.parquet}, as the job named them before it wrote hour files: readers
 * take any {@code *.parquet}).
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
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(kind.tsMs(row), 86_400_000L));
        return root.resolve(HourlyPublisher.partition(date.toString(), kind.symbol(row), kind.name()));
    }
}
