package io.orderflow.job.source.reader;

/**
 * Maps event time (a simulation's clock, a recording's exchange time) to wall time for a paced
 * reader: event time runs {@code speed} times faster than the wall clock from an anchor taken at
 * the first event asked about, i.e. at the reader's first poll. Re-created with the reader, so a
 * restored job starts pacing afresh instead of catching up.
 */
final class RealTimePacer {

    private final double nanosPerEventMs;
    private boolean anchored;
    private long wallAnchorNanos;
    private long eventAnchorMs;

    RealTimePacer(double speed) {
        this.nanosPerEventMs = 1_000_000.0 / speed;
    }

    /** Nanoseconds until an event at {@code eventTimeMs} is due; zero or less once it is. */
    long nanosUntilDue(long eventTimeMs) {
        long now = System.nanoTime();
        if (!anchored) {
            anchored = true;
            wallAnchorNanos = now;
            eventAnchorMs = eventTimeMs;
        }
        long dueNanos = wallAnchorNanos + (long) ((eventTimeMs - eventAnchorMs) * nanosPerEventMs);
        return dueNanos - now;
    }
}
