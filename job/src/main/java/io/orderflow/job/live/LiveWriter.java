package io.orderflow.job.live;

import io.orderflow.job.net.ReconnectBackoff;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live sink subtask: a bounded buffer of messages and one WebSocket to the server's ingest
 * endpoint, over which they leave as NDJSON text messages, every message waiting at the time in one
 * (up to {@link #MAX_FRAME_CHARS}).
 *
 * <ul>
 *   <li>{@link #write} never waits: a message that finds the buffer full pushes out the oldest, which
 *       is counted in {@value LiveSink#DROPPED}. So is a batch whose send failed (it may or may not have
 *       arrived; the server drops what it has already seen).
 *   <li>One send at a time: the thread that finds the socket idle sends what is waiting (the task
 *       thread when rows are few, so each goes at once); what comes meanwhile waits for the send's
 *       completion, which sends the next batch. So batches grow with the load.
 *   <li>A connection that closes, fails, or whose send has not completed within {@link #SEND_TIMEOUT}
 *       (a server that stopped reading) is replaced after a backoff of 0.5 s doubling to 30 s.
 *   <li>Checkpoints do not wait for the live output. At the end of a bounded input, {@link #flush}
 *       waits up to {@link #END_OF_INPUT_WAIT} for the buffer to empty, so that a bounded run's last
 *       rows get out.
 * </ul>
 *
 * <p>Threads: the task thread writes; connecting, reconnecting and the completion of sends run on
 * one scheduler thread of this writer. Everything they share is guarded by {@code lock}.
 */
final class LiveWriter implements SinkWriter<String> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveWriter.class);

    static final int MAX_FRAME_CHARS = 64 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    static final Duration END_OF_INPUT_WAIT = Duration.ofSeconds(10);
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    static final Duration BACKOFF_INITIAL = Duration.ofMillis(500);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(30);
    /** A connection that lasted this long was a success: the next backoff starts from the beginning. */
    static final Duration BACKOFF_RESET_AFTER = Duration.ofSeconds(30);

    private final LiveSinkSettings settings;
    private final String name;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    /** The scheduler, ignoring work handed to it after close. */
    private final Executor onScheduler;
    private final ReconnectBackoff backoff;
    private final Counter sent;
    private final Counter dropped;
    private final BiConsumer<WebSocket, Throwable> afterSend = this::afterSend;

    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<String> buffer;
    private final StringBuilder frame = new StringBuilder();
    private boolean sending;
    private int inFlight;
    private long inFlightSinceNanos;
    private WebSocket inFlightSocket;
    private long openedNanos;

    /** The open connection, null while there is none; volatile for the gauge. */
    private volatile WebSocket socket;
    private CompletableFuture<Void> socketEnded;
    private volatile boolean closed;
    /** Scheduler thread only: whether the loss of the connection has been logged since it last opened. */
    private boolean lossLogged;

    LiveWriter(LiveSinkSettings settings, MetricGroup metrics, String name) {
        this.settings = settings;
        this.name = name;
        this.buffer = new ArrayDeque<>(settings.bufferRows() + 1);
        this.sent = metrics.counter(LiveSink.SENT, new ThreadSafeSimpleCounter());
        this.dropped = metrics.counter(LiveSink.DROPPED, new ThreadSafeSimpleCounter());
        metrics.gauge(LiveSink.CONNECTED, () -> socket == null ? 0 : 1);
        this.backoff = new ReconnectBackoff(BACKOFF_INITIAL, BACKOFF_MAX, BACKOFF_RESET_AFTER,
                () -> ThreadLocalRandom.current().nextDouble());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        this.onScheduler = task -> {
            try {
                scheduler.execute(task);
            } catch (RejectedExecutionException e) {
                // closed: nothing more to do
            }
        };
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        scheduler.scheduleWithFixedDelay(this::checkSend, 1, 1, TimeUnit.SECONDS);
        onScheduler.execute(this::connect);
    }

    @Override
    public void write(String message, Context context) {
        boolean start;
        synchronized (lock) {
            if (buffer.size() == settings.bufferRows()) {
                buffer.pollFirst();
                dropped.inc();
            }
            buffer.addLast(message);
            start = socket != null && !sending;
            sending |= start;
        }
        if (start) {
            sendBatch();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (!endOfInput) {
            return; // a checkpoint never waits for the live output
        }
        long deadline = System.nanoTime() + END_OF_INPUT_WAIT.toNanos();
        synchronized (lock) {
            long left;
            while ((!buffer.isEmpty() || sending) && (left = deadline - System.nanoTime()) > 0) {
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket ws;
        CompletableFuture<Void> ended;
        synchronized (lock) {
            ws = socket;
            ended = socketEnded;
            socket = null;
        }
        if (ws != null) {
            // Until the server's close answers ours: cut before, the socket is reset, and the kernel
            // drops the last frames the server has received but not read yet.
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").thenCompose(sent -> ended)
                        .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the socket is aborted below either way
            }
            ws.abort();
        }
        scheduler.shutdownNow();
    }

    /** Sends what is waiting; called by whoever set {@code sending}, which it clears when nothing is. */
    private void sendBatch() {
        WebSocket ws;
        synchronized (lock) {
            ws = socket;
            if (ws == null || buffer.isEmpty()) {
                sending = false;
                lock.notifyAll();
                return;
            }
            // The frame is reused: it is only touched again once this send has completed.
            frame.setLength(0);
            int count = 0;
            do {
                if (count++ > 0) {
                    frame.append('\n');
                }
                frame.append(buffer.pollFirst());
            } while (!buffer.isEmpty() && frame.length() + 1 + buffer.peekFirst().length() <= MAX_FRAME_CHARS);
            inFlight = count;
            inFlightSocket = ws;
            inFlightSinceNanos = System.nanoTime();
        }
        // On the scheduler, also when already complete: a long backlog then never deepens the stack.
        ws.sendText(frame, true).whenCompleteAsync(afterSend, onScheduler);
    }

    private void afterSend(WebSocket result, Throwable error) {
        int count;
        WebSocket ws;
        synchronized (lock) {
            count = inFlight;
            ws = inFlightSocket;
            inFlight = 0;
            inFlightSocket = null;
            inFlightSinceNanos = 0;
        }
        if (error == null) {
            sent.inc(count);
        } else {
            dropped.inc(count);
            lost(ws, "send failed: " + describe(error));
        }
        sendBatch();
    }

    /** The watchdog: a send that does not complete means a server that no longer reads. */
    private void checkSend() {
        WebSocket ws;
        long since;
        synchronized (lock) {
            ws = inFlightSocket;
            since = inFlightSinceNanos;
        }
        if (ws != null && System.nanoTime() - since > SEND_TIMEOUT.toNanos()) {
            lost(ws, "a send did not complete within " + SEND_TIMEOUT.toSeconds() + " s");
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (!settings.token().isEmpty()) {
            builder.header("Authorization", "Bearer " + settings.token());
        }
        Listener listener = new Listener();
        builder.buildAsync(settings.url(), listener).whenCompleteAsync((ws, error) -> opened(ws, error, listener), onScheduler);
    }

    private void opened(WebSocket ws, Throwable error, Listener listener) {
        if (error != null) {
            retry("connect failed: " + describe(error), 0);
            return;
        }
        if (closed) {
            ws.abort();
            return;
        }
        boolean start;
        synchronized (lock) {
            socket = ws;
            socketEnded = listener.ended;
            openedNanos = System.nanoTime();
            start = !sending && !buffer.isEmpty();
            sending |= start;
        }
        LOG.info("{}: connected to {}", name, settings.url());
        lossLogged = false;
        if (start) {
            sendBatch();
        }
    }

    /** {@code ws} is gone: aborted, and replaced after a backoff. Later reports of the same loss are ignored. */
    private void lost(WebSocket ws, String cause) {
        long lifetimeMs;
        synchronized (lock) {
            if (ws == null || socket != ws) {
                return;
            }
            socket = null;
            lifetimeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNanos);
        }
        ws.abort();
        onScheduler.execute(() -> retry(cause, lifetimeMs));
    }

    private void retry(String cause, long lifetimeMs) {
        if (closed) {
            return;
        }
        long delayMs = backoff.nextDelayMs(lifetimeMs);
        // One warning per outage; a server that stays down is not logged every 30 s.
        if (!lossLogged) {
            LOG.warn("{}: no connection to {} ({}); retrying with backoff, rows are dropped while the buffer of {} is full",
                    name, settings.url(), cause, settings.bufferRows());
            lossLogged = true;
        } else {
            LOG.debug("{}: {}; next attempt in {} ms", name, cause, delayMs);
        }
        try {
            scheduler.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The server sends nothing but pings, which the JDK answers; a close or an error ends the connection. */
    private final class Listener implements WebSocket.Listener {
        /** Completed when the connection's input ends: the server's close, or an error. */
        final CompletableFuture<Void> ended = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ended.complete(null);
            lost(ws, "closed by the server: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended.complete(null);
            lost(ws, describe(error));
        }
    }
}
