package io.orderflow.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} messages of one stream, in seq order (seqs rise but may skip numbers the
 * job dropped). Not thread-safe: {@link LiveStream} guards it. The arrays are allocated on the first
 * row, so a stream that is only subscribed to costs nothing.
 */
final class StreamRing {

    private final int capacity;
    private LiveMessage[] messages;
    private long[] seqs;
    private int head; // index of the oldest message
    private int size;
    /** The last seq of the stream before this ring held anything: from an earlier run of the server, or 0. */
    private final long lastSeqBefore;

    StreamRing(int capacity, long lastSeqBefore) {
        this.capacity = capacity;
        this.lastSeqBefore = lastSeqBefore;
    }

    /** The last seq held, or the one before the ring held any. */
    long lastSeq() {
        return size == 0 ? lastSeqBefore : seqs[index(size - 1)];
    }

    LiveMessage latest() {
        return size == 0 ? null : messages[index(size - 1)];
    }

    LiveMessage oldest() {
        return size == 0 ? null : messages[head];
    }

    int size() {
        return size;
    }

    /** Appends a message whose seq is above {@link #lastSeq()}; the caller checks that. */
    void append(LiveMessage message) {
        if (messages == null) {
            messages = new LiveMessage[capacity];
            seqs = new long[capacity];
        }
        int slot;
        if (size < capacity) {
            slot = index(size);
            size++;
        } else {
            slot = head;
            head = (head + 1) % capacity;
        }
        messages[slot] = message;
        seqs[slot] = message.seq();
    }

    /**
     * Up to {@code limit} messages with seq above {@code from}, oldest first; null when rows after
     * {@code from} may have left the ring already (from is below the oldest seq held minus one).
     */
    List<LiveMessage> after(long from, int limit) {
        if (size == 0) {
            return List.of();
        }
        if (from < seqs[head] - 1) {
            return null;
        }
        int lo = 0;
        int hi = size; // first position whose seq > from
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seqs[index(mid)] <= from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int count = Math.min(limit, size - lo);
        List<LiveMessage> page = new ArrayList<>(count);
        for (int i = lo; i < lo + count; i++) {
            page.add(messages[index(i)]);
        }
        return page;
    }

    /** Every message held, oldest first. */
    List<LiveMessage> all() {
        List<LiveMessage> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(messages[index(i)]);
        }
        return all;
    }

    private int index(int position) {
        return (head + position) % capacity;
    }
}
