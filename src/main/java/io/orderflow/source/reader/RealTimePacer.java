package io.orderflow.source.reader;

/**
 * Maps sim time to wall time for a paced reader: sim time runs {@code speed} times faster than the
 * wall clock from an anchor taken at the first event asked about, i.e. at the reader's first poll.
 * Re-created with the reader, so a restored job starts pacing afresh instead of catching up.
 */
final class RealTimePacer {

    private final double nanosPerSimMs;
    private boolean anchored;
    private long wallAnchorNanos;
    private long simAnchorMs;

    RealTimePacer(double speed) {
        this.nanosPerSimMs = 1_000_000.0 / speed;
    }

    /** Nanoseconds until an event at {@code simTimeMs} is due; zero or less once it is. */
    long nanosUntilDue(long simTimeMs) {
        long now = System.nanoTime();
        if (!anchored) {
            anchored = true;
            wallAnchorNanos = now;
            simAnchorMs = simTimeMs;
        }
        long dueNanos = wallAnchorNanos + (long) ((simTimeMs - simAnchorMs) * nanosPerSimMs);
        return dueNanos - now;
    }
}
