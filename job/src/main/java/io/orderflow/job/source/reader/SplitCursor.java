package io.orderflow.job.source.reader;

import io.orderflow.core.feed.MarketFeed;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.split.FeedSplit;
import java.util.Comparator;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;

/**
 * A split being read: its feed, the next event it will emit (looked at ahead so splits can be
 * merged by time), how many it has emitted, and its own output, so watermarks are per split.
 */
final class SplitCursor<S extends FeedSplit<S>> implements AutoCloseable {

    /** Earliest next event first; split ids break ties so the merged order is deterministic. */
    static final Comparator<SplitCursor<?>> BY_NEXT_EVENT = Comparator
            .<SplitCursor<?>>comparingLong(cursor -> cursor.nextEventTimeMs())
            .thenComparing(cursor -> cursor.splitId());

    private final S split;
    // Compared on every emit: worked out once, as a split may derive it (e.g. from a path).
    private final String splitId;
    private final MarketFeed feed;
    private final long maxEvents;
    private final long endTimeMs;
    private long emitted;
    private MarketEvent next;
    private SourceOutput<MarketEvent> output;

    /** Takes over the split's feed, opened at its first event, and skips what it already emitted. */
    SplitCursor(S split, MarketFeed feed, Playback playback) {
        this.split = split;
        this.splitId = split.splitId();
        this.feed = feed;
        this.maxEvents = playback.maxEventsPerSplit();
        this.endTimeMs = playback.endTimeMs();
        this.emitted = split.eventsEmitted();
        feed.skip(emitted);
        lookAhead();
    }

    String splitId() {
        return splitId;
    }

    boolean isExhausted() {
        return next == null;
    }

    /** Only meaningful while not exhausted. */
    long nextEventTimeMs() {
        return next.eventTimeMs();
    }

    /** Emits the next event on this split's output, with its event time as the record timestamp. */
    void emitNext(ReaderOutput<MarketEvent> readerOutput) {
        if (output == null) {
            output = readerOutput.createOutputForSplit(splitId());
        }
        output.collect(next, next.eventTimeMs());
        emitted++;
        lookAhead();
    }

    long emitted() {
        return emitted;
    }

    S toSplit() {
        return split.withEventsEmitted(emitted);
    }

    @Override
    public void close() {
        feed.close();
    }

    private void lookAhead() {
        boolean countReached = maxEvents > 0 && emitted >= maxEvents;
        next = countReached ? null : feed.next();
        if (next != null && next.eventTimeMs() >= endTimeMs) {
            next = null;
        }
    }
}
