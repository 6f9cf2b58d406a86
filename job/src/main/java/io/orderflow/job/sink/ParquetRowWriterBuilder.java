package io.orderflow.job.sink;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/** A {@link ParquetWriter} builder for one {@link ParquetRowKind}, with no Avro or Hadoop file system involved. */
final class ParquetRowWriterBuilder<T> extends ParquetWriter.Builder<T, ParquetRowWriterBuilder<T>> {

    private final ParquetRowKind<T> kind;
    private final Map<String, String> footerMetadata;

    ParquetRowWriterBuilder(OutputFile file, ParquetRowKind<T> kind, Map<String, String> footerMetadata) {
        super(file);
        this.kind = kind;
        this.footerMetadata = footerMetadata;
    }

    @Override
    protected ParquetRowWriterBuilder<T> self() {
        return this;
    }

    // Abstract in the parent, so it must exist; the sink passes a PlainParquetConfiguration instead.
    @SuppressWarnings("deprecation")
    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
        return new ParquetRowWriteSupport<>(kind, footerMetadata);
    }

    @Override
    protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
        return new ParquetRowWriteSupport<>(kind, footerMetadata);
    }
}
