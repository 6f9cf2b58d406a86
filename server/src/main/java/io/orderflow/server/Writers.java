package io.orderflow.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that hand clients' rows to Jetty, one per core: each client is bound to one of them for
 * its life, so its rows keep their order, and the clients are dealt out in turn, so each thread writes
 * to a share of them. The ingest waits for them after each frame ({@link #awaitCaughtUp}).
 */
final class Writers implements AutoCloseable {

    private static final Runnable NOTHING = () -> { };

    private final ExecutorService[] threads;
    private final AtomicInteger nextClient = new AtomicInteger();

    Writers(int count) {
        threads = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "server-writer-" + i;
            threads[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    static Writers onePerCore() {
        return new Writers(Runtime.getRuntime().availableProcessors());
    }

    /** The writer of a new client. */
    ExecutorService next() {
        return threads[Math.floorMod(nextClient.getAndIncrement(), threads.length)];
    }

    /**
     * Returns once every writer has run what it was given before. The ingest calls it after each frame:
     * writers that fall behind then slow the ingest, and through TCP the job's live sink, as writing on
     * the ingest's own thread did, instead of filling the queues of clients that read in time.
     */
    void awaitCaughtUp() {
        CompletableFuture<?>[] caughtUp = new CompletableFuture<?>[threads.length];
        try {
            for (int i = 0; i < threads.length; i++) {
                caughtUp[i] = CompletableFuture.runAsync(NOTHING, threads[i]);
            }
        } catch (RejectedExecutionException stopping) {
            return;
        }
        CompletableFuture.allOf(caughtUp).join();
    }

    /** Called once the ingest has stopped; what was given the writers still runs, so no wait hangs. */
    @Override
    public void close() {
        for (ExecutorService thread : threads) {
            thread.shutdown();
        }
    }
}
