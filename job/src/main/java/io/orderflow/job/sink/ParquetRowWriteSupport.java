package io.orderflow.job.sink;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes rows of one {@link ParquetRowKind}, with the given key-value metadata in each footer. */
final class ParquetRowWriteSupport<T> extends WriteSupport<T> {

    private final ParquetRowKind<T> kind;
    private final Map<String, String> footerMetadata;
    private RecordConsumer consumer;

    ParquetRowWriteSupport(ParquetRowKind<T> kind, Map<String, String> footerMetadata) {
        this.kind = kind;
        this.footerMetadata = footerMetadata;
    }

    // Abstract in the parent, so it must exist; the sink passes a PlainParquetConfiguration instead.
    @SuppressWarnings("deprecation")
    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(kind.schema(), footerMetadata);
    }

    // Overridden so that a PlainParquetConfiguration is not converted into a Hadoop one.
    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(kind.schema(), footerMetadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(T row) {
        kind.write(row, consumer);
    }
}
