package io.orderflow.job.sink;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once Parquet output for any {@link ParquetRowKind}, in one file per symbol, kind and hour.
 *
 * <p>Staged files are rolled on every checkpoint: FileSink keeps in-progress files hidden and commits
 * them only when the checkpoint completes (its two-phase commit), so a restore neither loses nor
 * repeats rows. Each committed staged file holds one kind's rows of an hour, all symbols together;
 * the sink's committer ({@link PublishingCommitter}) then splits them into the hour files readers see
 * ({@link HourlyPublisher}). Each sink reports its write errors and flush time ({@link MeteredFileSink}).
 */
public final class ParquetSinks {

    /** Footer key: fingerprint of the configuration that produced the file. */
    public static final String FINGERPRINT_KEY = "orderflow.config.fingerprint";

    /** Footer key: the whole effective configuration that produced the file. */
    public static final String CONFIG_KEY = "orderflow.config";

    /** Footer key: the kind of rows in the file. */
    public static final String KIND_KEY = "orderflow.kind";

    /** Footer key: the source the rows came from ({@code embedded}, {@code loopback}, {@code replay}, {@code binance}). */
    public static final String SOURCE_KEY = "orderflow.source";

    private static final Logger LOG = LoggerFactory.getLogger(ParquetSinks.class);

    private ParquetSinks() {}

    /**
     * A sink writing {@code kind} rows as Snappy Parquet under
     * {@code baseDir/date=YYYY-MM-DD/symbol=SYM/kind=KIND/part-HH-<fingerprint>.parquet}, staged in
     * {@code baseDir/_staging/KIND/date=YYYY-MM-DD/hour=HH/part-<uuid>-<n>.staged}.
     *
     * @param baseDir a local (or mounted) path, or a {@code file:} URI such as {@code file:///data/orderflow}
     * @param configFingerprint stored in every footer under {@link #FINGERPRINT_KEY}
     * @param extraFooterMetadata further footer entries; must not use the two reserved keys
     */
    public static <T> MeteredFileSink<T> forKind(
            ParquetRowKind<T> kind,
            String baseDir,
            String configFingerprint,
            Map<String, String> extraFooterMetadata) {
        return forKind(kind, baseDir, configFingerprint, extraFooterMetadata, Duration.ZERO);
    }

    /** @param publishInterval the least time between two publishes (zero: after every commit) */
    public static <T> MeteredFileSink<T> forKind(
            ParquetRowKind<T> kind,
            String baseDir,
            String configFingerprint,
            Map<String, String> extraFooterMetadata,
            Duration publishInterval) {
        Map<String, String> footer = footer(kind, configFingerprint, extraFooterMetadata);
        LOG.info("Parquet sink for kind '{}' under {} (fingerprint {})", kind.name(), baseDir, configFingerprint);
        java.nio.file.Path outputDir = localDirectory(baseDir);
        return new MeteredFileSink<>(FileSink.forBulkFormat(
                                new Path(HourlyPublisher.stagingDir(outputDir, kind.name()).toUri()),
                                writerFactory(kind, footer))
                        .withBucketAssigner(new HourBucketAssigner<>(kind))
                        .withRollingPolicy(OnCheckpointRollingPolicy.build())
                        .withOutputFileConfig(OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(HourlyPublisher.STAGED_SUFFIX)
                                .build())
                        .build(),
                outputDir, kind, publishInterval);
    }

    /** The publisher renames files in place, which only a local (or mounted) file system does atomically. */
    static java.nio.file.Path localDirectory(String baseDir) {
        java.nio.file.Path dir;
        if (baseDir.startsWith("file:")) {
            dir = java.nio.file.Path.of(URI.create(baseDir));
        } else if (baseDir.matches("[A-Za-z][A-Za-z0-9+.-]+://.*")) {
            throw new IllegalArgumentException("The output directory must be a local or mounted directory"
                    + " (a path or a file: URI), got " + baseDir + ": hour files are published by atomic renames");
        } else {
            dir = java.nio.file.Path.of(baseDir);
        }
        return dir.toAbsolutePath().normalize();
    }

    /**
     * The writer of {@link #forKind}'s files, footer included, for writing a harvest without a Flink
     * job (the tests of the tools that read harvests).
     */
    public static <T> ParquetWriterFactory<T> writerFactory(
            ParquetRowKind<T> kind, String configFingerprint, Map<String, String> extraFooterMetadata) {
        return writerFactory(kind, footer(kind, configFingerprint, extraFooterMetadata));
    }

    private static Map<String, String> footer(
            ParquetRowKind<?> kind, String configFingerprint, Map<String, String> extraFooterMetadata) {
        if (configFingerprint == null || configFingerprint.isBlank()) {
            throw new IllegalArgumentException("A config fingerprint is required for kind " + kind.name());
        }
        if (extraFooterMetadata.containsKey(FINGERPRINT_KEY) || extraFooterMetadata.containsKey(KIND_KEY)) {
            throw new IllegalArgumentException(
                    "Footer keys " + FINGERPRINT_KEY + " and " + KIND_KEY + " are set by the sink itself");
        }
        Map<String, String> footer = new HashMap<>(extraFooterMetadata);
        footer.put(FINGERPRINT_KEY, configFingerprint);
        footer.put(KIND_KEY, kind.name());
        return Map.copyOf(footer);
    }

    static <T> ParquetWriterFactory<T> writerFactory(ParquetRowKind<T> kind, Map<String, String> footer) {
        // The lambda is shipped to the tasks: it captures only serializable values.
        return new ParquetWriterFactory<>(out -> {
            ParquetRowWriterBuilder<T> builder = new ParquetRowWriterBuilder<>(out, kind, footer)
                    .withConf(new PlainParquetConfiguration())
                    .withCompressionCodec(CompressionCodecName.SNAPPY);
            for (String column : kind.plainColumns()) {
                builder.withDictionaryEncoding(column, false);
            }
            return builder.build();
        });
    }
}
