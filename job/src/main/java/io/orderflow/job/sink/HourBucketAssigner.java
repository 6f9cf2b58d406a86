package io.orderflow.job.sink;

import java.time.LocalDate;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each row in the staging bucket {@code date=YYYY-MM-DD/hour=HH} of the UTC hour of its event
 * time, all symbols together: a sink subtask then holds one open file per kind (two around the turn
 * of an hour), however many symbols it writes. {@link HourlyPublisher} splits them by symbol.
 *
 * <p>Called for every row, so the current hour's id is remembered: rows arrive roughly in time order,
 * and an hour change is the only time a bucket id is formatted.
 */
public final class HourBucketAssigner<T> implements BucketAssigner<T, String> {

    private static final long serialVersionUID = 1L;
    private static final long MILLIS_PER_HOUR = 3_600_000L;

    private final ParquetRowKind<T> kind;

    // Per subtask, used from the task thread only.
    private transient long currentHour;
    private transient String currentId;

    public HourBucketAssigner(ParquetRowKind<T> kind) {
        this.kind = kind;
    }

    @Override
    public String getBucketId(T row, Context context) {
        long epochHour = Math.floorDiv(kind.tsMs(row), MILLIS_PER_HOUR);
        if (currentId == null || epochHour != currentHour) {
            currentHour = epochHour;
            currentId = bucketId(epochHour);
        }
        return currentId;
    }

    static String bucketId(long epochHour) {
        long epochDay = Math.floorDiv(epochHour, 24);
        long hourOfDay = Math.floorMod(epochHour, 24);
        return "date=" + LocalDate.ofEpochDay(epochDay) + "/hour=" + (hourOfDay < 10 ? "0" : "") + hourOfDay;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "HourBucketAssigner{kind=" + kind.name() + "}";
    }
}
