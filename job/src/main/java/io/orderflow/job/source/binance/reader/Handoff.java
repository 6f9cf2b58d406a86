package io.orderflow.job.source.binance.reader;

import io.orderflow.core.model.MarketEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;

/**
 * The bounded hand-off from the connections' processing (many producers, one per connection) to
 * the reader's fetcher (one consumer), in arrival order per split. When it is full:
 *
 * <ul>
 *   <li>{@link #put} waits for room. While a connection's processing waits, its messages queue up in
 *       its inbox; a full inbox stops the socket reading, and TCP pushes back on the exchange:
 *       nothing is lost.
 *   <li>{@link #offer} refuses; the caller decides what that loss means.
 *   <li>{@link #putConflating} replaces the queued book of the same split and symbol with the newer
 *       one (moved to the tail, so the order by time holds); only without one to replace does it wait.
 * </ul>
 *
 * <p>The capacity is the reader's, shared by its connections; {@link #size(String)} says how much of
 * it each one's events take.
 */
final class Handoff {

    enum Outcome {
        ADDED,
        /** The queued book of the symbol was dropped for this newer one. */
        CONFLATED,
        /** The split was closed: the event was not taken. */
        REJECTED
    }

    private final int capacity;
    /** In arrival order; conflated entries stay in it, marked, until drained or compacted away. */
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    /** Entries of {@link #queue} not conflated: what counts against the capacity. */
    private int size;
    /** Conflated entries still in {@link #queue}. */
    private int conflated;
    /** The queued conflatable book of each split and symbol. */
    private final Map<BookKey, Entry> conflatable = new HashMap<>();
    private final Set<String> closedSplits = new HashSet<>();
    /** Events queued per split: the connection's share of the queue. */
    private final Map<String, QueuedCount> queuedBySplit = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private boolean wakeUpRequested;

    Handoff(int capacity) {
        this.capacity = capacity;
    }

    /** Adds the event, waiting for room; false if its split was closed first. */
    boolean put(String splitId, MarketEvent event) throws InterruptedException {
        lock.lock();
        try {
            if (!awaitRoom(splitId)) {
                return false;
            }
            add(new Entry(splitId, event, null));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Adds the event if there is room now; false if full or its split was closed. */
    boolean offer(String splitId, MarketEvent event) {
        lock.lock();
        try {
            if (size >= capacity || closedSplits.contains(splitId)) {
                return false;
            }
            add(new Entry(splitId, event, null));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Adds a book that a newer book of the same symbol may replace while the hand-off is full. */
    Outcome putConflating(String splitId, MarketEvent book) throws InterruptedException {
        BookKey key = new BookKey(splitId, book.symbol());
        lock.lock();
        try {
            Outcome outcome = Outcome.ADDED;
            Entry stale = size >= capacity ? conflatable.remove(key) : null;
            if (stale != null) {
                // Marked rather than removed: finding it in the queue would take a pass over it.
                stale.conflated = true;
                stale.queued.count--;
                size--;
                conflated++;
                compactIfMostlyConflated();
                outcome = Outcome.CONFLATED;
            } else if (!awaitRoom(splitId)) {
                return Outcome.REJECTED;
            }
            Entry entry = new Entry(splitId, book, key);
            conflatable.put(key, entry);
            add(entry);
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max} events into {@code out}, waiting up to {@code timeout} for a first one
     * unless {@link #wakeUp} is called.
     */
    int drainTo(RecordsBySplits.Builder<MarketEvent> out, int max, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long waitNanos = timeout.toNanos();
            while (size == 0 && !wakeUpRequested && waitNanos > 0) {
                waitNanos = notEmpty.awaitNanos(waitNanos);
            }
            wakeUpRequested = false;
            int moved = 0;
            while (moved < max && size > 0) {
                Entry entry = queue.poll();
                if (entry.conflated) {
                    conflated--;
                    continue;
                }
                size--;
                entry.queued.count--;
                if (entry.conflationKey != null) {
                    conflatable.remove(entry.conflationKey, entry);
                }
                out.add(entry.splitId, entry.event);
                moved++;
            }
            if (moved > 0) {
                notFull.signalAll();
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a wait in {@link #drainTo} early. */
    void wakeUp() {
        lock.lock();
        try {
            wakeUpRequested = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** From now on events of the split are refused, and threads waiting to add one give up. */
    void closeSplit(String splitId) {
        lock.lock();
        try {
            closedSplits.add(splitId);
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Below half full: room for a burst, e.g. a book resync after the reader fell behind. */
    boolean hasHeadroom() {
        return size() < Math.max(1, capacity / 2);
    }

    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** The events of one split (one connection) queued now. */
    int size(String splitId) {
        lock.lock();
        try {
            QueuedCount queued = queuedBySplit.get(splitId);
            return queued == null ? 0 : queued.count;
        } finally {
            lock.unlock();
        }
    }

    private boolean awaitRoom(String splitId) throws InterruptedException {
        while (size >= capacity && !closedSplits.contains(splitId)) {
            notFull.await();
        }
        return !closedSplits.contains(splitId);
    }

    /**
     * Drops the conflated entries once they outnumber the live ones: a reader stalled while books
     * keep being conflated would otherwise grow the queue without bound. One pass per capacity's
     * worth of conflations at most.
     */
    private void compactIfMostlyConflated() {
        if (conflated > Math.max(size, capacity)) {
            queue.removeIf(entry -> entry.conflated);
            conflated = 0;
        }
    }

    private void add(Entry entry) {
        size++;
        queue.add(entry);
        entry.queued = queuedBySplit.computeIfAbsent(entry.splitId, id -> new QueuedCount());
        entry.queued.count++;
        notEmpty.signal();
    }

    private static final class QueuedCount {
        int count;
    }

    private record BookKey(String splitId, String symbol) {}

    private static final class Entry {
        final String splitId;
        final MarketEvent event;
        final BookKey conflationKey;
        /** Its split's count, looked up once when queued. */
        QueuedCount queued;
        /** Replaced by a newer book of its symbol: skipped when drained. */
        boolean conflated;

        Entry(String splitId, MarketEvent event, BookKey conflationKey) {
            this.splitId = splitId;
            this.event = event;
            this.conflationKey = conflationKey;
        }
    }
}
