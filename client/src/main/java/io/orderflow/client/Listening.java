package io.orderflow.client;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One listener of {@link OrderflowClient}, with a bounded queue and a thread of its own, so a slow
 * listener delays neither the others nor the socket. When its queue is full, further rows for it are
 * dropped and counted ({@link #droppedRows()}), and the client warns through its status. Closing it
 * stops the listener; its thread ends once the row in hand is done.
 */
public final class Listening implements AutoCloseable {

    private final Class<? extends Row> type;
    private final Consumer<Row> listener;
    private final BlockingQueue<Row> queue;
    private final Thread thread;
    private final LongAdder dropped = new LongAdder();
    private final Consumer<String> warn;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    <T extends Row> Listening(Class<T> type, Consumer<? super T> listener, int queueRows, String threadName,
            Consumer<String> warn) {
        this.type = type;
        this.warn = warn;
        this.listener = row -> listener.accept((T) row);
        this.queue = new ArrayBlockingQueue<>(queueRows);
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a row of the listener's type; false when it was dropped for a full queue (counted). */
    boolean offer(Row row) {
        if (closed || !type.isInstance(row)) {
            return true;
        }
        if (queue.offer(row)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Rows dropped because this listener's queue was full. */
    public long droppedRows() {
        return dropped.sum();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** Waits up to {@code millis} for the listener's thread to end; false if it has not. */
    boolean join(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    private void run() {
        try {
            while (!closed) {
                Row row = queue.take();
                try {
                    listener.accept(row);
                } catch (RuntimeException e) {
                    // one bad row must not end the listener: the next rows still come
                    warn.accept("listener " + thread.getName() + " threw on " + row + ": " + e);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }
}
