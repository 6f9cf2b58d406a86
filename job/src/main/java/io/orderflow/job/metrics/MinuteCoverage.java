package io.orderflow.job.metrics;

import org.apache.flink.metrics.Counter;

/**
 * Counts the one-minute buckets of a symbol's event time that the data covered and those left empty:
 * when a record lands in a later minute than the last one, every minute in between had no record.
 * Records of an earlier minute (out of order) change nothing. The first record only sets the start,
 * so a restart does not count the time the job was down as empty.
 */
public final class MinuteCoverage {

    static final long MINUTE_MS = 60_000;

    private final Counter closedMinutes;
    private final Counter emptyMinutes;
    private long lastMinute = Long.MIN_VALUE;

    /**
     * @param closedMinutes counts every minute closed: with data or empty
     * @param emptyMinutes counts the minutes closed without any record
     */
    public MinuteCoverage(Counter closedMinutes, Counter emptyMinutes) {
        this.closedMinutes = closedMinutes;
        this.emptyMinutes = emptyMinutes;
    }

    /** A record at {@code timeMs}. */
    public void record(long timeMs) {
        long minute = Math.floorDiv(timeMs, MINUTE_MS);
        if (lastMinute == Long.MIN_VALUE) {
            lastMinute = minute;
        } else if (minute > lastMinute) {
            closedMinutes.inc(minute - lastMinute);
            emptyMinutes.inc(minute - lastMinute - 1);
            lastMinute = minute;
        }
    }
}
