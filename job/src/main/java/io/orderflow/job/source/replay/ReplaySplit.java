package io.orderflow.job.source.replay;

import io.orderflow.core.replay.Recording;
import io.orderflow.job.source.split.FeedSplit;
import java.nio.file.Path;
import java.util.List;

/**
 * A series of recordings that continue each other (often just one), replayed as one feed, and how
 * many of its events the reader has emitted.
 *
 * @param recordings in replay order
 * @param eventsEmitted events already emitted; a restored reader replays the series from its start
 *     and skips this many
 */
public record ReplaySplit(List<Recording> recordings, long eventsEmitted) implements FeedSplit<ReplaySplit> {

    public ReplaySplit {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("a replay split needs at least one recording");
        }
        recordings = List.copyOf(recordings);
    }

    /**
     * The first recording's file name, and how many follow it: file names are distinct within a
     * source, and a file belongs to one series.
     */
    @Override
    public String splitId() {
        String first = Path.of(recordings.get(0).path()).getFileName().toString();
        return recordings.size() == 1 ? first : first + "+" + (recordings.size() - 1);
    }

    @Override
    public ReplaySplit withEventsEmitted(long events) {
        return new ReplaySplit(recordings, events);
    }
}
