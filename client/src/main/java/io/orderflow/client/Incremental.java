package io.orderflow.client;

import java.util.List;

/** What {@code /incremental} answers: the rows after a seq, or that they have left the server's ring. */
public sealed interface Incremental {

    /**
     * The rows after the seq asked for, oldest first ({@code messages} without those that could not be
     * decoded); {@code latest} is the stream's last seq, {@code next} the seq to ask from for the next page.
     */
    record Rows(String stream, long latest, long next, List<LiveMessage> messages) implements Incremental {}

    /**
     * 410: rows after the seq asked for have left the ring. Read up to {@code oldestTsMs} from history,
     * then continue from {@code oldestSeq - 1}.
     */
    record Gone(String stream, long oldestSeq, long oldestTsMs) implements Incremental {}
}
