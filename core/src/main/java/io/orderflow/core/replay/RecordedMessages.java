package io.orderflow.core.replay;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The messages of one or more recordings that continue each other, read one file after the other as
 * one sequence, with a look ahead: a REST answer the feed asks for is taken from further on (within a
 * window of receive time), as a live request would have got it, and the messages passed over are
 * still read in their turn.
 */
final class RecordedMessages implements AutoCloseable {

    private final Iterator<Recording> recordings;
    private final ArrayDeque<RecordedMessage> ahead = new ArrayDeque<>();
    private MessageReader reader;
    private long read;

    RecordedMessages(List<Recording> recordings) {
        this.recordings = List.copyOf(recordings).iterator();
    }

    /** The next message not taken yet, or null at the end of the last recording. */
    RecordedMessage next() throws IOException {
        return ahead.isEmpty() ? readNext() : ahead.pollFirst();
    }

    /**
     * Takes the first REST answer {@code wanted} from the messages ahead, reading on until one
     * arrived later than {@code untilNanos}; null if there is none so soon.
     */
    RecordedMessage takeRest(Predicate<RecordedMessage> wanted, long untilNanos) throws IOException {
        for (Iterator<RecordedMessage> it = ahead.iterator(); it.hasNext(); ) {
            RecordedMessage message = it.next();
            if (message.kind().isRest() && wanted.test(message)) {
                it.remove();
                return message;
            }
        }
        if (!ahead.isEmpty() && ahead.peekLast().receiveTimeNanos() > untilNanos) {
            return null;
        }
        for (RecordedMessage message = readNext(); message != null; message = readNext()) {
            if (message.kind().isRest() && wanted.test(message) && message.receiveTimeNanos() <= untilNanos) {
                return message;
            }
            ahead.addLast(message);
            if (message.receiveTimeNanos() > untilNanos) {
                break;
            }
        }
        return null;
    }

    /** Messages read from the recordings so far, those still ahead included. */
    long read() {
        return read;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private RecordedMessage readNext() throws IOException {
        while (true) {
            if (reader == null) {
                if (!recordings.hasNext()) {
                    return null;
                }
                reader = recordings.next().open();
            }
            RecordedMessage message = reader.next();
            if (message != null) {
                read++;
                return message;
            }
            close();
        }
    }
}
