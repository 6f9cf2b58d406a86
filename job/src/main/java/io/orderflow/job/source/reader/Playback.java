package io.orderflow.job.source.reader;

/**
 * How a reader plays its feeds: where each split stops, and whether events wait for the wall clock.
 *
 * @param maxEventsPerSplit a split ends after this many events; 0 sets no limit
 * @param endTimeMs a split ends before its first event at or after this event time (epoch ms)
 * @param paced emit an event once the wall clock reaches it (event time running {@code speed} times
 *     real time from the reader's first poll) rather than as fast as the job takes them
 * @param speed how many times faster than real time a paced reader runs
 */
public record Playback(long maxEventsPerSplit, long endTimeMs, boolean paced, double speed) {}
