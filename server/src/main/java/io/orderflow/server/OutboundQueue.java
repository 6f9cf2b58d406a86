package io.orderflow.server;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * A client's bounded queue of messages to send. When it is full, conflatable messages keep only the
 * newest of each stream; if that frees no room, the offer overflows and the client is to be closed.
 * Not thread-safe: the client guards it.
 */
final class OutboundQueue {

    enum Offer { QUEUED, OVERFLOW }

    private final int capacity;
    private final ArrayDeque<LiveMessage> queue = new ArrayDeque<>();
    private long conflated;

    OutboundQueue(int capacity) {
        this.capacity = capacity;
    }

    Offer offer(LiveMessage message) {
        queue.addLast(message);
        if (queue.size() > capacity) {
            conflate();
        }
        return queue.size() > capacity ? Offer.OVERFLOW : Offer.QUEUED;
    }

    LiveMessage poll() {
        return queue.pollFirst();
    }

    int size() {
        return queue.size();
    }

    void clear() {
        queue.clear();
    }

    /** How many messages conflation removed, since the last call. */
    long takeConflated() {
        long n = conflated;
        conflated = 0;
        return n;
    }

    // Walks from the newest: a conflatable message behind a newer conflatable one of its stream goes.
    // Runs only when the queue is full, so the set it allocates is off the common path.
    private void conflate() {
        Set<String> seen = new HashSet<>();
        for (Iterator<LiveMessage> it = queue.descendingIterator(); it.hasNext(); ) {
            LiveMessage m = it.next();
            if (m.conflatable() && !seen.add(m.stream())) {
                it.remove();
                conflated++;
            }
        }
    }
}
