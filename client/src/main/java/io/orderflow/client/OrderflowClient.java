package io.orderflow.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The server's live streams for a strategy's process (docs/client.md): one WebSocket to
 * {@code /ws/stream}, shared by every caller, safe to use from any thread. Subscriptions may be made
 * at any time, before the first connection too; rows reach each listener on a thread of its own;
 * the connection reconnects with backoff, subscribes again and fills what it missed from
 * {@code /incremental} or {@code /history}, so a listener gets every closed bar once and in order.
 *
 * <p>Threads, all named {@code orderflow-client-N-…} and all ended by {@link #close()}: one for the
 * connection's work (connecting, sending, filling gaps), one for status callbacks and the answers to
 * subscriptions, one per listener, and the HTTP client's. The socket's own reading runs on the HTTP
 * client's threads and never waits for a listener.
 */
public final class OrderflowClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OrderflowClient.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int INCREMENTAL_PAGE = 1_000;
    private static final long STOP_WAIT_MILLIS = 5_000;
    private static final long CLOSE_HANDSHAKE_MILLIS = 2_000;
    private static final int WARN_EVERY_DROPPED = 1_000;
    private static final String WORK = "connection";

    private final ClientSettings settings;
    private final String threadPrefix;
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService httpThreads;
    private final HistoryClient history;
    private final BarCache cache;
    private final HttpClient http;
    private final ScheduledExecutorService work;
    private final ExecutorService callbacks;
    private final Backoff backoff;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong requestIds = new AtomicLong();
    private final List<Listening> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClientStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final Map<String, StreamState> streams = new ConcurrentHashMap<>();

    // Guarded by this.
    private final Set<String> subscribed = new LinkedHashSet<>();
    private final Deque<Request> unsent = new ArrayDeque<>();
    private final Map<Long, Request> unanswered = new HashMap<>();
    private Connection connection;
    private CompletableFuture<Void> connected = new CompletableFuture<>();
    private String lastProblem;
    private Throwable lastFailure;
    private int failedAttempts;
    private boolean started;
    private boolean closed;

    /** A client that connects once {@link #connect()} is called; the settings' bars are subscribed to then. */
    public OrderflowClient(ClientSettings settings) {
        this.settings = settings;
        this.threadPrefix = "orderflow-client-" + INSTANCES.incrementAndGet() + "-";
        // The JDK's HttpClient has no close() on Java 17: its work runs on this executor, shut down by close().
        this.httpThreads = Executors.newCachedThreadPool(threads(threadPrefix + "http-", threadCount));
        this.http = HttpClient.newBuilder().executor(httpThreads).connectTimeout(settings.requestTimeout()).build();
        this.history = new HistoryClient(settings, http);
        this.cache = new BarCache(settings.barsPerKey());
        ScheduledThreadPoolExecutor workExecutor = new ScheduledThreadPoolExecutor(1, threads(threadPrefix + WORK + "-", threadCount));
        workExecutor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a reconnect waiting must not outlive close()
        this.work = workExecutor;
        this.callbacks = Executors.newSingleThreadExecutor(threads(threadPrefix + "status-", threadCount));
        this.backoff = new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay(),
                () -> ThreadLocalRandom.current().nextDouble());
        List<String> bars = new ArrayList<>();
        for (String symbol : settings.symbols()) {
            settings.timeframes().forEach(timeframe -> bars.add(Signal.klineStream(symbol, timeframe)));
        }
        if (!bars.isEmpty()) {
            request("subscribe", bars).whenComplete((ok, refused) -> {
                if (refused != null) {
                    warn("the bars of the settings are not subscribed: " + refused.getMessage());
                }
            });
        }
    }

    /** Starts connecting in the background and returns at once; {@link #awaitConnected} waits for it. */
    public OrderflowClient connect() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the client is closed");
            }
            if (started) {
                return this;
            }
            started = true;
        }
        onWorkThread(this::open);
        return this;
    }

    /**
     * Returns once connected; a {@link ConnectionException} naming the endpoint and the last failure
     * when that does not happen within {@code timeout}, or when the client gave up or was closed.
     */
    public void awaitConnected(Duration timeout) throws InterruptedException {
        CompletableFuture<Void> current;
        synchronized (this) {
            if (!started) {
                throw new IllegalStateException("connect() first");
            }
            current = connected;
        }
        try {
            current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (ConnectionException) e.getCause();
        } catch (TimeoutException e) {
            synchronized (this) {
                throw new ConnectionException(settings.endpoint(), "not connected within " + timeout
                        + (lastProblem == null ? "" : "; the last attempt: " + lastProblem), lastFailure);
            }
        }
    }

    /**
     * The bars of {@code symbol} in {@code timeframe}. The future completes when the server has taken
     * the subscription, or fails with a {@link SubscriptionRefusedException} carrying its reason; it
     * waits across reconnects. Callbacks on it run on the client's status thread.
     */
    public CompletableFuture<Void> subscribe(String symbol, Timeframe timeframe) {
        return request("subscribe", List.of(Signal.klineStream(symbol, timeframe)));
    }

    /** {@code symbol}'s rows of {@code signal}; the future as for bars. */
    public CompletableFuture<Void> subscribe(String symbol, Signal signal) {
        return request("subscribe", List.of(signal.stream(symbol)));
    }

    /** No more bars of {@code symbol} in {@code timeframe}: none reaches a listener from now on. */
    public CompletableFuture<Void> unsubscribe(String symbol, Timeframe timeframe) {
        return request("unsubscribe", List.of(Signal.klineStream(symbol, timeframe)));
    }

    public CompletableFuture<Void> unsubscribe(String symbol, Signal signal) {
        return request("unsubscribe", List.of(signal.stream(symbol)));
    }

    /**
     * Rows of {@code type} ({@code Kline.class}, {@code Fusion.class}, ..., {@code Row.class} for all)
     * of every subscribed stream, in each stream's order, on a thread of this listener's own. Its queue
     * holds {@code listenerQueueRows}; beyond that its rows are dropped, counted and warned about.
     */
    public <T extends Row> Listening listen(Class<T> type, Consumer<? super T> listener) {
        Listening listening = new Listening(type, listener, settings.listenerQueueRows(),
                threadPrefix + "listener-" + threadCount.incrementAndGet(), this::warn);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the client is closed");
            }
            listeners.add(listening);
        }
        listening.start();
        return listening;
    }

    /** Status changes and warnings, in order, on the client's status thread. */
    public void onStatus(Consumer<ClientStatus> listener) {
        statusListeners.add(listener);
    }

    /** The cache the live bars go into. */
    public BarCache cache() {
        return cache;
    }

    /** Bars from the live cache, and from history for what it does not hold. */
    public Bars bars() {
        return new Bars(history, cache, settings, System::currentTimeMillis);
    }

    /**
     * Closes the connection, fails what waits for an answer, stops every thread of the client's (its
     * listeners after the row in hand) and reports {@code Closed} last. The JDK's HttpClient (Java 17 has no
     * way to stop it) keeps its selector thread until this client is unreachable, a few seconds longer.
     */
    @Override
    public void close() {
        shutDown("closed by the caller", null);
    }

    private CompletableFuture<Void> request(String op, List<String> names) {
        Request request = new Request(requestIds.incrementAndGet(), op, List.copyOf(names), false, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                request.answer().completeExceptionally(new IllegalStateException("the client is closed"));
                return request.answer();
            }
            for (String name : names) {
                if (op.equals("subscribe")) {
                    streams.computeIfAbsent(name, StreamState::new);
                } else {
                    subscribed.remove(name);
                    streams.remove(name); // its rows still on their way are dropped
                }
            }
            unsent.add(request);
        }
        onWorkThread(this::sendUnsent);
        return request.answer();
    }

    // ---- on the work thread

    private void open() {
        int attempt;
        synchronized (this) {
            if (closed) {
                return;
            }
            attempt = failedAttempts;
        }
        status(new ClientStatus.Connecting(settings.endpoint(), attempt));
        Connection opening = new Connection();
        http.newWebSocketBuilder().connectTimeout(settings.requestTimeout())
                .buildAsync(settings.endpoint(), opening)
                .whenComplete((socket, error) -> onWorkThread(() -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        lost(opening, "cannot connect: " + cause, cause);
                    } else {
                        opened(opening);
                    }
                }));
    }

    private void opened(Connection opened) {
        List<Request> toSend = new ArrayList<>();
        synchronized (this) {
            if (closed || opened.ended) {
                opened.socket.abort();
                return;
            }
            connection = opened;
            failedAttempts = 0;
            if (!subscribed.isEmpty()) {
                // Live rows of streams with a gap wait until it is filled (after the server's answer).
                subscribed.forEach(name -> streams.get(name).startFill());
                toSend.add(new Request(requestIds.incrementAndGet(), "subscribe", List.copyOf(subscribed), true,
                        new CompletableFuture<>()));
            }
            toSend.forEach(request -> unanswered.put(request.id(), request));
            connected.complete(null);
        }
        status(new ClientStatus.Connected(settings.endpoint()));
        send(opened, toSend);
        sendUnsent();
    }

    private void sendUnsent() {
        Connection current;
        List<Request> toSend;
        synchronized (this) {
            current = connection;
            if (current == null) {
                return; // sent on connecting
            }
            toSend = new ArrayList<>(unsent);
            unsent.clear();
            toSend.forEach(request -> unanswered.put(request.id(), request));
        }
        send(current, toSend);
    }

    /** One send at a time, as the JDK's WebSocket wants; a failed send ends the connection. */
    private void send(Connection to, List<Request> requests) {
        for (Request request : requests) {
            ObjectNode message = json.createObjectNode().put("op", request.op());
            request.streams().forEach(message.putArray("streams")::add);
            message.put("id", request.id());
            try {
                to.socket.sendText(message.toString(), true).get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                to.socket.abort();
                lost(to, "sending failed: " + e, e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void lost(Connection ended, String reason, Throwable cause) {
        int attempt;
        synchronized (this) {
            if (ended.ended) {
                return;
            }
            ended.ended = true;
            if (connection == ended) {
                connection = null;
                connected = new CompletableFuture<>();
            }
            // Requests without an answer go again on the next connection, in their order.
            List<Request> again = new ArrayList<>(unanswered.values());
            unanswered.clear();
            again.sort(Comparator.comparingLong(Request::id).reversed());
            again.stream().filter(request -> !request.resubscribe()).forEach(unsent::addFirst);
            if (closed) {
                return;
            }
            lastProblem = reason;
            lastFailure = cause;
            attempt = ++failedAttempts;
        }
        status(new ClientStatus.Disconnected(reason, cause));
        if (attempt > settings.maxReconnectAttempts()) {
            shutDown("gave up after " + (attempt - 1) + " reconnect attempts; the last: " + reason, cause);
            return;
        }
        Duration delay = backoff.delay(attempt);
        status(new ClientStatus.Reconnecting(attempt, delay));
        try {
            work.schedule(this::open, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    /** After the server took the resubscription: each stream's rows since its last seq, then its live rows. */
    private void fillGaps(List<String> names) {
        for (String name : names) {
            StreamState state = streams.get(name);
            if (state == null || !state.isFilling()) {
                continue; // unsubscribed meanwhile, or nothing seen before to fill from
            }
            List<Row> fromHistory = new ArrayList<>();
            List<LiveMessage> filled = new ArrayList<>();
            try {
                fetchGap(name, state, fromHistory, filled);
            } catch (RuntimeException e) {
                warn("the gap in " + name + " after seq " + state.lastSeq() + " is not filled: " + e.getMessage());
                state.restartCoverage();
            }
            state.endFill(fromHistory, filled, row -> deliver(state, row));
        }
    }

    /**
     * {@code /incremental} from the last seq; when the server no longer holds it (410), or holds no row of
     * the stream at all (404: restarted, nothing new yet), the closed bars from {@code /history} up to
     * the oldest row it holds first. Reads on until the first live row kept meanwhile.
     */
    private void fetchGap(String name, StreamState state, List<Row> fromHistory, List<LiveMessage> filled) {
        long from = state.lastSeq();
        Incremental answer;
        try {
            answer = history.incremental(name, from, INCREMENTAL_PAGE);
        } catch (ServerRequestException e) {
            if (e.status() != 404) {
                throw e;
            }
            answer = null;
        }
        if (!(answer instanceof Incremental.Rows)) {
            Incremental.Gone gone = (Incremental.Gone) answer;
            if (!state.isKlines()) {
                warn("rows of " + name + " after seq " + from + " are lost: the server no longer holds them, and only"
                        + " klines are filled from /history");
            } else {
                long to = gone != null ? gone.oldestTsMs() : System.currentTimeMillis() + 1;
                fromHistory.addAll(history.rows(name, state.lastTsMs(), to));
            }
            if (gone == null) {
                return; // what the server gets next comes live
            }
            from = gone.oldestSeq() - 1;
            answer = history.incremental(name, from, INCREMENTAL_PAGE);
        }
        while (answer instanceof Incremental.Rows rows) {
            filled.addAll(rows.messages());
            long upTo = Math.max(rows.latest(), state.firstBufferedSeq() - 1);
            if (rows.messages().isEmpty() || rows.next() >= upTo) {
                return;
            }
            answer = history.incremental(name, rows.next(), INCREMENTAL_PAGE);
        }
        throw new IllegalStateException("the server's ring moved past seq " + from + " while the gap was being filled");
    }

    // ---- on the socket's thread

    private void received(String text, RowDecoder decoder) {
        if (text.startsWith("{\"stream\":")) {
            LiveMessage message;
            try {
                message = decoder.message(text);
            } catch (RowFormatException e) {
                warn("a live message skipped: " + e.getMessage());
                return;
            }
            StreamState state = streams.get(message.stream());
            long skipped = state == null ? 0 : state.offer(message, row -> deliver(state, row));
            if (skipped > 0) {
                warn(skipped + " rows of " + message.stream() + " before seq " + message.seq() + " did not arrive (the"
                        + " server never received them, or conflated forming bars for a slow reader): bars before"
                        + " this one are read from /history");
            }
            return;
        }
        JsonNode answer;
        try {
            answer = json.readTree(text);
        } catch (Exception e) {
            warn("the server sent what the client cannot read: " + text);
            return;
        }
        if (answer.has("hello")) {
            return;
        }
        JsonNode id = answer.get("id");
        String error = answer.path("error").asText(null);
        Request request;
        synchronized (this) {
            request = id != null && id.canConvertToLong() ? unanswered.remove(id.asLong()) : null;
            if (request != null && error == null) {
                if (request.op().equals("subscribe")) {
                    subscribed.addAll(request.streams());
                } else {
                    request.streams().forEach(subscribed::remove);
                }
            } else if (request != null) {
                if (request.resubscribe()) {
                    request.streams().forEach(subscribed::remove);
                }
                request.streams().stream().filter(name -> !subscribed.contains(name)).forEach(streams::remove);
            }
        }
        if (request == null) {
            warn(error != null ? "the server answered an error: " + error : "an answer the client did not ask for: " + text);
        } else if (error != null && request.resubscribe()) {
            warn("the server refused to subscribe again to " + request.streams() + ": " + error);
        } else if (error != null) {
            onCallbackThread(() -> request.answer().completeExceptionally(new SubscriptionRefusedException(request.streams(), error)));
        } else if (request.resubscribe()) {
            onWorkThread(() -> fillGaps(request.streams()));
        } else {
            onCallbackThread(() -> request.answer().complete(null));
        }
    }

    /**
     * A row in order and new: into the cache if a bar, with the time since which the stream has been
     * followed without a gap as covered (so {@link Bars} answers from it), and to every listener's queue.
     */
    private void deliver(StreamState state, Row row) {
        if (row instanceof Kline bar) {
            cache.apply(bar);
            // A forming bar says no bar opened between the last one and it; a closed one, that it is final.
            long knownTo = bar.closed() ? bar.closeTimeMs() : bar.tsMs() + 1;
            cache.applyHistory(bar.symbol(), bar.timeframe(), List.of(), state.coveredFrom(bar), knownTo);
        }
        for (Listening listening : listeners) {
            if (!listening.offer(row)) {
                long dropped = listening.droppedRows();
                if (dropped == 1 || dropped % WARN_EVERY_DROPPED == 0) {
                    warn("a listener's queue of " + settings.listenerQueueRows() + " rows is full: " + dropped
                            + " rows dropped for it so far");
                }
            }
        }
    }

    // ---- anywhere

    private void shutDown(String reason, Throwable cause) {
        Connection open;
        List<Request> waiting = new ArrayList<>();
        CompletableFuture<Void> connecting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = connection;
            connection = null;
            if (open != null) {
                open.ended = true;
            }
            waiting.addAll(unsent);
            waiting.addAll(unanswered.values());
            unsent.clear();
            unanswered.clear();
            connecting = connected;
        }
        if (open != null) {
            closeGracefully(open.socket, open.inputClosed);
        }
        ConnectionException ended = new ConnectionException(settings.endpoint(), reason, cause);
        connecting.completeExceptionally(ended);
        waiting.forEach(request -> onCallbackThread(() -> request.answer().completeExceptionally(ended)));
        status(new ClientStatus.Closed(reason));
        // Giving up runs on the work thread, which must not interrupt or wait for itself.
        boolean onWorkThread = Thread.currentThread().getName().startsWith(threadPrefix + WORK);
        if (onWorkThread) {
            work.shutdown();
        } else {
            work.shutdownNow(); // a fill waiting for an answer gives up: the client is closing
        }
        listeners.forEach(Listening::close);
        callbacks.shutdown(); // after the Closed status and the failed answers
        try {
            for (Listening listening : listeners) {
                if (!listening.join(STOP_WAIT_MILLIS)) {
                    LOG.log(System.Logger.Level.WARNING, "a listener did not return within " + STOP_WAIT_MILLIS + " ms of close()");
                }
            }
            callbacks.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (!onWorkThread) {
                work.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            httpThreads.shutdownNow();
            httpThreads.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            httpThreads.shutdownNow();
        }
    }

    /** A close handshake, so the server sees the client leave (1000) rather than a cut, then the socket cut. */
    private static void closeGracefully(WebSocket socket, CompletableFuture<Void> inputClosed) {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").thenCompose(sent -> inputClosed)
                    .get(CLOSE_HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the server did not answer the close in time: the socket is cut below all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.abort();
    }

    private void warn(String message) {
        status(new ClientStatus.Warning(message));
    }

    private void status(ClientStatus status) {
        onCallbackThread(() -> {
            for (Consumer<ClientStatus> listener : statusListeners) {
                try {
                    listener.accept(status);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a status listener threw on " + status, e);
                }
            }
        });
    }

    private void onWorkThread(Runnable task) {
        try {
            work.execute(task);
        } catch (RejectedExecutionException closed) {
            // the client is closed: nothing more to do
        }
    }

    private void onCallbackThread(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (RejectedExecutionException closed) {
            // the client is closed: its Closed status was the last
        }
    }

    /**
     * Daemon threads named after the client. Static, so as not to hold the client: the HttpClient's
     * selector thread keeps its executor, and so this factory, reachable, and ends only once the
     * HttpClient is unreachable; a factory holding the client would keep both for good.
     */
    private static ThreadFactory threads(String prefix, AtomicInteger count) {
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * A subscribe or unsubscribe request; {@code resubscribe}: the client's own, after a reconnect,
     * whose answer starts the gap fill.
     */
    private record Request(long id, String op, List<String> streams, boolean resubscribe, CompletableFuture<Void> answer) {}

    /** One WebSocket connection's listener: whole text messages to {@link #received}, its end to {@link #lost}. */
    private final class Connection implements WebSocket.Listener {

        private final RowDecoder decoder = new RowDecoder(); // the socket delivers one message at a time
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Void> inputClosed = new CompletableFuture<>();
        private volatile WebSocket socket;
        private boolean ended; // guarded by the client

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text, decoder);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inputClosed.complete(null);
            onWorkThread(() -> lost(this, "closed by the server: " + statusCode + (reason.isEmpty() ? "" : " " + reason), null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inputClosed.complete(null);
            onWorkThread(() -> lost(this, "the connection failed: " + error, error));
        }
    }
}
