package io.orderflow.job.sink;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each row in the hive-style partition {@code date=YYYY-MM-DD/symbol=SYM/kind=KIND}, where the
 * date is the UTC date of the row's event time.
 *
 * <p>Called for every row, so the bucket id of each symbol's current day is remembered: rows arrive
 * roughly in time order, and a day change is the only time a date is formatted.
 */
public final class PartitionBucketAssigner<T> implements BucketAssigner<T, String> {

    private static final long serialVersionUID = 1L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final ParquetRowKind<T> kind;

    // Per subtask, used from the task thread only; symbols are few, so the map stays small.
    private transient Map<String, DayBucket> currentBySymbol;

    public PartitionBucketAssigner(ParquetRowKind<T> kind) {
        this.kind = kind;
    }

    @Override
    public String getBucketId(T row, Context context) {
        long epochDay = Math.floorDiv(kind.tsMs(row), MILLIS_PER_DAY);
        String symbol = kind.symbol(row);
        if (currentBySymbol == null) {
            currentBySymbol = new HashMap<>();
        }
        DayBucket current = currentBySymbol.get(symbol);
        if (current == null || current.epochDay != epochDay) {
            current = new DayBucket(epochDay, bucketId(epochDay, symbol));
            currentBySymbol.put(symbol, current);
        }
        return current.id;
    }

    private String bucketId(long epochDay, String symbol) {
        return "date=" + LocalDate.ofEpochDay(epochDay) + "/symbol=" + symbol + "/kind=" + kind.name();
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "PartitionBucketAssigner{kind=" + kind.name() + "}";
    }

    private record DayBucket(long epochDay, String id) {}
}
