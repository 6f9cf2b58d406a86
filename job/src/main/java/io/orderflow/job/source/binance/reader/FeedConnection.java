package io.orderflow.job.source.binance.reader;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.feed.BinanceFeed;
import io.orderflow.core.exchange.binance.feed.FeedSettings;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.job.net.ReconnectBackoff;
import io.orderflow.job.source.binance.BinanceSourceConfig;
import io.orderflow.job.source.binance.SubscribeMode;
import io.orderflow.job.source.binance.split.BinanceSplit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split's WebSocket connection, kept open for as long as the split is read: connect, subscribe
 * (in the URL, or by SUBSCRIBE and its acknowledgement), hand each whole message to the split's
 * {@link BinanceFeed}, and replace the connection when it closes, fails, falls silent, or gets
 * old.
 *
 * <ul>
 *   <li>Reconnects wait per {@link ReconnectBackoff}. What was missed meanwhile is recovered by the
 *       feed: trades back-filled over REST, books resynced on the gap their diffs show.
 *   <li>Silence: a connection that received nothing, not even a ping, for the silence timeout is
 *       dropped; a wrong route (acknowledged, then silent) looks exactly like that, and so does a
 *       close the JDK client failed to report (see {@link SocketListener}). Time spent processing
 *       (waiting for hand-off room, a REST call) is not silence. Pongs do not count: a dead
 *       subscription still answers pings.
 *   <li>Pings from the exchange are answered by the JDK client itself (a Pong with the same data,
 *       sent when the Ping is read). The client pings every {@code pingInterval}, which keeps NATs
 *       open and shows a dead socket: the ping cannot be written, or no pong comes back within the
 *       request timeout.
 *   <li>Rotation: at {@code maxConnectionAge} the connection is replaced at once (no backoff),
 *       before Binance's 24 h cut. The old one is closed first and the new one relies on the same
 *       back-fill and resync as any reconnect, rather than running two connections side by side.
 *   <li>Outgoing messages: one SUBSCRIBE per connection and a ping per {@code pingInterval} (at
 *       least 1 s), well inside Binance's 5 (spot) or 10 (futures) messages per second.
 *   <li>Every reconnect is written to the data: a {@code ws_reconnect} notice per symbol served,
 *       with the cause of the loss and how long it lasted, so the output records its own gaps.
 * </ul>
 *
 * <p>Threads: the lifecycle runs on the reader's supervisor thread (one for all its connections),
 * so its state needs no lock; messages are processed in the reader's pool under {@code processing},
 * so the feed sees one thread at a time, across reconnects too. Each connection attempt has a
 * generation; callbacks of an earlier one are ignored.
 */
final class FeedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

    /** Messages received and not yet processed, per connection, before the socket stops reading. */
    static final int INBOX_CAPACITY = 1024;

    /** How every combined-stream market message begins (a SUBSCRIBE answer does not). */
    private static final String MARKET_MESSAGE_HEAD = "{\"stream\":";

    private enum State { CONNECTING, SUBSCRIBING, LIVE, WAITING }

    private final String id;
    private final BinanceSplit split;
    private final BinanceSourceConfig config;
    private final URI uri;
    private final HttpClient http;
    private final ScheduledExecutorService supervisor;
    private final Executor pool;
    private final SplitOutput out;
    private final BinanceFeed feed;
    private final ReconnectBackoff backoff;
    private final BinanceSourceMetrics metrics;
    private final Object processing = new Object();

    // Supervisor thread only.
    private State state = State.WAITING;
    private long openedNanos;
    private long pingSentNanos;
    private long ackDeadlineNanos;
    private long downSinceNanos;
    private String lostCause;
    /** Receive time of the last message before the loss: where the gap in the data starts. */
    private long gapStartMs;
    private int connectionsOpened;

    // Shared with the socket and processing threads.
    private volatile int generation;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile long lastHeardNanos;
    /** Receive time of the newest message: where a gap in the data starts if the connection is lost now. */
    private volatile long lastMessageMs;
    /** Inboxes being processed, of this attempt and maybe of the one before: while any is, the socket is not silent. */
    private final AtomicInteger draining = new AtomicInteger();
    private volatile boolean pongDue;
    /**
     * When the connection was lost, until a replacement delivers its first market message (then 0): the
     * reconnect time. A replacement lost before delivering leaves it at the first loss.
     */
    private final AtomicLong outageSinceNanos = new AtomicLong();

    /**
     * @param supervisor runs the lifecycle of all the reader's connections, one thread
     * @param pool processes the messages; it must grow (processing may wait)
     */
    FeedConnection(BinanceSplit split, BinanceSourceConfig config, HttpClient http,
            ScheduledExecutorService supervisor, Executor pool, BinanceRestClient rest, Handoff handoff,
            BinanceSourceMetrics metrics) {
        this.id = split.splitId();
        this.split = split;
        this.config = config;
        this.uri = uri(config, split);
        this.http = http;
        this.supervisor = supervisor;
        this.pool = pool;
        this.metrics = metrics;
        this.out = new SplitOutput(split.splitId(), handoff);
        this.feed = new BinanceFeed(new FeedSettings(config.market(), config.bookLevels(), config.dedupLru(),
                config.bookSyncTimeout(), config.capture()), rest, out, metrics, split.lastTradeIds(), this::acknowledged);
        this.backoff = new ReconnectBackoff(config.backoffInitial(), config.backoffMax(), config.backoffResetAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Where a split connects: its route's combined-stream path, with the streams in the URL if so configured. */
    static URI uri(BinanceSourceConfig config, BinanceSplit split) {
        String base = config.wsBaseUrl() + split.route().streamPath();
        return URI.create(config.subscribeMode() == SubscribeMode.URL
                ? base + "?streams=" + String.join("/", split.streams())
                : base);
    }

    void start() {
        onSupervisor(this::connect);
    }

    /** For good: the socket is aborted and the split's events are refused from now on. */
    void close() {
        closed = true;
        out.close();
        abortSocket();
    }

    /** The watchdogs, on the supervisor thread: acknowledgement, silence, pong, age, and the client's ping. */
    void tick(long nowNanos) {
        if (closed) {
            return;
        }
        if (state == State.SUBSCRIBING && nowNanos - ackDeadlineNanos > 0) {
            lost(generation, "no SUBSCRIBE acknowledgement within " + config.requestTimeout().toMillis() + " ms");
        } else if (state == State.LIVE) {
            long silentNanos = nowNanos - lastHeardNanos;
            boolean busy = draining.get() > 0;
            if (!busy && silentNanos > config.silenceTimeout().toNanos()) {
                lost(generation, "nothing received for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms");
            } else if (!busy && pongDue && nowNanos - pingSentNanos > config.requestTimeout().toNanos()) {
                lost(generation, "no pong within " + config.requestTimeout().toMillis() + " ms");
            } else if (nowNanos - openedNanos >= config.maxConnectionAge().toNanos()) {
                rotate(nowNanos);
            } else if (!config.pingInterval().isZero() && nowNanos - pingSentNanos >= config.pingInterval().toNanos()) {
                ping(nowNanos);
            }
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        int attempt = ++generation;
        state = State.CONNECTING;
        http.newWebSocketBuilder()
                .connectTimeout(config.requestTimeout())
                .buildAsync(uri, new SocketListener(attempt))
                .whenComplete((ws, error) -> onSupervisor(() -> opened(attempt, ws, error)));
    }

    private void opened(int attempt, WebSocket ws, Throwable error) {
        if (closed || attempt != generation) {
            if (ws != null) {
                ws.abort();
            }
            return;
        }
        if (error != null) {
            lost(attempt, "connect failed: " + describe(error));
            return;
        }
        socket = ws;
        if (closed) { // close() may have looked at the socket just before it was set
            ws.abort();
            return;
        }
        long now = System.nanoTime();
        openedNanos = now;
        pingSentNanos = now;
        pongDue = false;
        lastHeardNanos = now;
        if (connectionsOpened++ == 0) {
            LOG.info("{}: connected to {}{} ({} streams)", id, config.wsBaseUrl(), split.route().streamPath(),
                    split.streams().size());
        } else {
            metrics.wsReconnects.inc();
            long downMs = TimeUnit.NANOSECONDS.toMillis(now - downSinceNanos);
            LOG.info("{}: reconnected, {} ms after the connection was lost", id, downMs);
            announceReconnect(downMs);
        }
        if (config.subscribeMode() == SubscribeMode.SUBSCRIBE) {
            state = State.SUBSCRIBING;
            ackDeadlineNanos = now + config.requestTimeout().toNanos();
            ws.sendText(subscribeMessage(attempt), true);
        } else {
            state = State.LIVE;
        }
    }

    /** A SUBSCRIBE answer, from the processing; the SUBSCRIBE's id is the connection's generation. */
    private void acknowledged(long requestId, String error) {
        onSupervisor(() -> {
            if (closed) {
                return;
            }
            if (state != State.SUBSCRIBING || requestId != generation) {
                metrics.unsupported(); // an answer to no request of this connection: well-formed, not consumed
                return;
            }
            if (error == null) {
                state = State.LIVE;
            } else {
                lost(generation, "SUBSCRIBE refused: " + error);
            }
        });
    }

    /** The connection is gone or given up: reconnect after the backoff delay. */
    private void lost(int attempt, String reason) {
        if (closed || attempt != generation || state == State.WAITING) {
            return;
        }
        long now = System.nanoTime();
        boolean wasUp = state == State.LIVE || state == State.SUBSCRIBING;
        long livedMs = wasUp ? TimeUnit.NANOSECONDS.toMillis(now - openedNanos) : 0;
        if (wasUp) {
            markDown(now, reason);
        }
        abortSocket();
        generation++; // whatever the old socket still delivers is ignored
        state = State.WAITING;
        long delayMs = backoff.nextDelayMs(livedMs);
        LOG.info("{}: {}; reconnecting in {} ms", id, reason, delayMs);
        try {
            supervisor.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The reader is closing.
        }
    }

    private void rotate(long nowNanos) {
        String reason = "connection is " + TimeUnit.NANOSECONDS.toMinutes(nowNanos - openedNanos) + " min old";
        LOG.info("{}: {}, replacing it", id, reason);
        markDown(nowNanos, reason);
        abortSocket();
        connect();
    }

    /** Taken when the connection goes: the next one's messages may arrive before it is seen open. */
    private void markDown(long nowNanos, String reason) {
        downSinceNanos = nowNanos;
        outageSinceNanos.compareAndSet(0, nowNanos);
        lostCause = reason;
        long lastMessage = lastMessageMs;
        gapStartMs = lastMessage > 0 ? lastMessage : System.currentTimeMillis();
    }

    /**
     * Writes the reconnect into the split's own ordered output, as the feed writes its events, so it
     * is checkpointed with them. It is handed to the pool because the output may wait for room, which
     * the supervisor must not.
     */
    private void announceReconnect(long downMs) {
        // Stamped where the gap starts, not at the reconnect: a later time would carry the split's
        // watermark past the trades the back-fill is about to emit, making them late.
        List<MarketEvent> notices = reconnectNotices(split, gapStartMs, lostCause, downMs,
                System.currentTimeMillis() - gapStartMs);
        try {
            pool.execute(() -> {
                synchronized (processing) {
                    for (MarketEvent notice : notices) {
                        if (!out.put(notice)) {
                            return; // the split was closed
                        }
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // The reader is closing.
        }
    }

    /**
     * One {@code ws_reconnect} notice per symbol the connection serves rather than one for the
     * connection ({@code _}): each lands in its symbol's partition, so a per-symbol report finds
     * its symbol's gaps without joining through the connection.
     */
    static List<MarketEvent> reconnectNotices(BinanceSplit split, long gapStartMs, String cause, long downMs, long gapMs) {
        List<String> symbols = List.copyOf(split.symbols());
        return symbols.stream()
                .map(symbol -> MarketEvent.of(MarketNotice.wsReconnect(symbol, gapStartMs, split.splitId(),
                        split.route().id(), cause, downMs, gapMs, symbols)))
                .toList();
    }

    /**
     * A dead socket shows on the next ping: writing to it fails, or no pong comes back. (The JDK
     * client does not always report an abrupt close by the exchange.)
     */
    private void ping(long nowNanos) {
        WebSocket ws = socket;
        int attempt = generation;
        pingSentNanos = nowNanos;
        pongDue = true;
        ws.sendPing(ByteBuffer.allocate(0)).whenComplete((sent, error) -> {
            if (error != null) {
                onSupervisor(() -> lost(attempt, "ping failed: " + describe(error)));
            }
        });
    }

    private void abortSocket() {
        WebSocket ws = socket;
        socket = null;
        if (ws != null) {
            ws.abort();
        }
    }

    private String subscribeMessage(long requestId) {
        return "{\"method\":\"SUBSCRIBE\",\"params\":[\"" + String.join("\",\"", split.streams()) + "\"],\"id\":"
                + requestId + "}";
    }

    private void onSupervisor(Runnable action) {
        try {
            supervisor.execute(action);
        } catch (RejectedExecutionException e) {
            // The reader is closing: nothing left to manage.
        }
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == error ? error.toString() : error + ", caused by " + root;
    }

    /**
     * One connection attempt's callbacks. They only queue the work into the attempt's inbox and ask
     * for the next frame at once, for two reasons: the JDK may call them on a thread of its own that
     * must not block; and the JDK 17 client loses an abrupt close (1006) that arrives while frames
     * wait unread for demand, so the socket must not be left without demand for long. Only a full
     * inbox stops the reading (and lets TCP push back on the exchange): then the silence watchdog is
     * what notices a close. A single drain task per attempt processes the inbox in order.
     */
    private final class SocketListener implements WebSocket.Listener {

        private final int attempt;
        private final TextAssembler assembler = new TextAssembler();
        /** No market message yet on this attempt: the first one ends an outage. */
        private boolean awaitingMarket = true;
        private final ArrayDeque<Consumer<BinanceFeed>> inbox = new ArrayDeque<>();
        private boolean drainRunning;
        /** The inbox was full: the next frame is asked for once it is not. */
        private boolean starved;

        SocketListener(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onOpen(WebSocket ws) {
            lastHeardNanos = System.nanoTime();
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long receiveTimeMs = System.currentTimeMillis();
            lastHeardNanos = System.nanoTime();
            if (attempt == generation) { // what a replaced socket still delivers is not data
                lastMessageMs = receiveTimeMs;
            }
            try {
                String message = assembler.append(data, last);
                if (message == null) {
                    ws.request(1);
                } else {
                    if (awaitingMarket && attempt == generation && message.startsWith(MARKET_MESSAGE_HEAD)) {
                        awaitingMarket = false;
                        long since = outageSinceNanos.getAndSet(0);
                        if (since != 0) {
                            metrics.reconnected(System.nanoTime() - since);
                        }
                    }
                    queue(ws, feed -> feed.onMessage(message, null, receiveTimeMs));
                }
            } catch (MalformedMessageException e) {
                queue(ws, feed -> feed.onMalformed(e, null, null));
            }
            return null;
        }

        /** Binance sends text only: a binary message is bad input, counted once, when its last part is in. */
        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            lastHeardNanos = System.nanoTime();
            if (last) {
                MalformedMessageException binary = new MalformedMessageException("a binary message");
                queue(ws, feed -> feed.onMalformed(binary, null, null));
            } else {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            lastHeardNanos = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pongDue = false;
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            onSupervisor(() -> lost(attempt, "closed by the exchange (" + statusCode + " " + reason + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            onSupervisor(() -> lost(attempt, "connection failed: " + describe(error)));
        }

        private void queue(WebSocket ws, Consumer<BinanceFeed> work) {
            boolean full;
            boolean startDrain;
            synchronized (inbox) {
                inbox.add(work);
                full = inbox.size() >= INBOX_CAPACITY;
                starved = full;
                startDrain = !drainRunning;
                drainRunning = true;
            }
            if (!full) {
                ws.request(1);
            }
            if (startDrain) {
                draining.incrementAndGet();
                try {
                    pool.execute(() -> drain(ws));
                } catch (RejectedExecutionException e) {
                    draining.decrementAndGet(); // the reader is closing
                }
            }
        }

        /** Processes the inbox until it is empty, under the lock and only while this attempt is current. */
        private void drain(WebSocket ws) {
            while (true) {
                Consumer<BinanceFeed> work;
                boolean resume;
                synchronized (inbox) {
                    work = inbox.poll();
                    if (work == null) {
                        drainRunning = false;
                        draining.decrementAndGet();
                        return;
                    }
                    resume = starved;
                    starved = false;
                }
                if (resume) {
                    ws.request(1);
                }
                synchronized (processing) {
                    if (attempt == generation && !closed) {
                        work.accept(feed);
                    }
                }
                lastHeardNanos = System.nanoTime(); // time spent processing is not silence
            }
        }
    }
}
