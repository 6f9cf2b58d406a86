package io.orderflow.source.replay;

import io.orderflow.replay.Recording;
import io.orderflow.source.split.FeedSplit;
import java.nio.file.Path;

/**
 * One recording, and how many of its events the reader has emitted.
 *
 * @param eventsEmitted events already emitted; a restored reader replays the recording from its
 *     start and skips this many
 */
public record ReplaySplit(Recording recording, long eventsEmitted) implements FeedSplit<ReplaySplit> {

    /** The recording's file name: file names are distinct within a source. */
    @Override
    public String splitId() {
        return Path.of(recording.path()).getFileName().toString();
    }

    @Override
    public ReplaySplit withEventsEmitted(long events) {
        return new ReplaySplit(recording, events);
    }
}
