package io.orderflow.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One {@code /ws/stream} client. Rows reach it through {@link #deliver} on the ingest thread, which only
 * queues them in a bounded {@link OutboundQueue} and wakes this client's {@link Writers writer}: handing
 * a row to Jetty costs a frame and a socket write per client, so many clients' writes run on several
 * threads at once rather than one after another on the ingest thread. Jetty takes a window of sends at
 * a time (this object is every send's callback, so sending allocates nothing); a client whose queue
 * overflows is closed with 1008 and forgotten, so it slows no one. Control messages (hello, acks, errors) take the same queue, so they keep their order with
 * the rows. Public only because Jetty calls the listener through method handles.
 */
public final class ClientSession implements Session.Listener.AutoDemanding, Subscriber, Callback {

    private static final long NOT_A_ROW = -1;
    // Sends handed to Jetty at once: its flusher writes queued frames together, one write for many.
    private static final int WINDOW = 32;

    private final ServerContext context;
    private final String ip;
    private final OutboundQueue queue;
    private final Executor writer;
    private final Runnable pumpOnWriter = this::pumpOnWriter;
    // Changed by the session's reading thread; read by a release on the ingest thread too.
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile Session session;
    private volatile long lastHeardNanos = System.nanoTime();
    // Guarded by this: the receive times of the sends in flight (a FIFO), and the state.
    private final long[] inFlightNanos = new long[WINDOW];
    private int inFlightHead;
    private int inFlight;
    private boolean pumping;
    private boolean pumpQueued;
    private boolean closed;

    ClientSession(ServerContext context, String ip) {
        this.context = context;
        this.ip = ip;
        this.queue = new OutboundQueue(context.settings().outboundQueueRows());
        this.writer = context.writers().next();
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        opened.setMaxTextMessageSize(context.settings().maxClientFrameBytes());
        context.metrics().clients.incrementAndGet();
        context.clients().add(this);
        ObjectNode hello = context.json().createObjectNode()
                .put("hello", "orderflow")
                .put("version", ServerContext.VERSION)
                .put("time_ms", System.currentTimeMillis());
        sendControl(hello);
    }

    @Override
    public void onWebSocketText(String text) {
        lastHeardNanos = System.nanoTime();
        JsonNode request;
        try {
            request = context.json().readTree(text);
        } catch (Exception e) {
            sendError(null, "malformed JSON: " + firstLine(e.getMessage()));
            return;
        }
        if (request == null || !request.isObject()) {
            sendError(null, "a request must be a JSON object");
            return;
        }
        JsonNode id = request.get("id");
        String op = request.path("op").asText(null);
        if (!"subscribe".equals(op) && !"unsubscribe".equals(op)) {
            sendError(id, op == null ? "missing \"op\" (subscribe, unsubscribe)"
                    : "unknown op '" + op + "' (subscribe, unsubscribe)");
            return;
        }
        List<String> streams = streamsOf(request, id);
        if (streams == null) {
            return;
        }
        if ("subscribe".equals(op)) {
            subscribe(id, streams);
        } else {
            unsubscribe(id, streams);
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastHeardNanos = System.nanoTime();
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        lastHeardNanos = System.nanoTime();
        session.sendPong(payload, Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        release();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        release();
    }

    @Override
    public void deliver(LiveMessage message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.offer(message) == OutboundQueue.Offer.OVERFLOW) {
                closeSlow();
                return;
            }
            long conflated = queue.takeConflated();
            if (conflated != 0) {
                context.metrics().conflatedRows.add(conflated);
            }
            if (!pumpQueued && inFlight < WINDOW) {
                pumpQueued = true;
                try {
                    writer.execute(pumpOnWriter);
                } catch (RejectedExecutionException stopping) {
                    pumpQueued = false; // the server is stopping: nothing will be sent anyway
                }
            }
        }
    }

    private synchronized void pumpOnWriter() {
        pumpQueued = false;
        pump();
    }

    /** A send handed to Jetty completed (they complete in order): count it and hand over more. */
    @Override
    public synchronized void succeed() {
        long receivedNanos = inFlightNanos[inFlightHead];
        inFlightHead = (inFlightHead + 1) % WINDOW;
        inFlight--;
        if (receivedNanos != NOT_A_ROW) {
            context.metrics().rowsOut.increment();
            context.metrics().sendLatency.recordNanos(System.nanoTime() - receivedNanos);
        }
        pump();
    }

    // With this locked, so the sends reach Jetty in queue order. Jetty may complete a send inline,
    // calling succeed() and so pump() again on this thread: the flag turns that into one more turn
    // of the loop below instead of a deeper stack.
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!closed && inFlight < WINDOW) {
                LiveMessage next = queue.poll();
                if (next == null) {
                    break;
                }
                inFlightNanos[(inFlightHead + inFlight) % WINDOW] = next.receivedNanos();
                inFlight++;
                session.sendText(next.text(), this);
            }
        } finally {
            pumping = false;
        }
    }

    @Override
    public void fail(Throwable cause) {
        release();
    }

    /** Pings a client heard from lately, and closes one silent for longer than the limit. */
    void checkLiveness(long nowNanos) {
        Session s = session;
        if (s == null) {
            return;
        }
        if (nowNanos - lastHeardNanos > context.settings().silenceLimit().toNanos()) {
            context.metrics().silentClientCloses.increment();
            closeWith(StatusCode.POLICY_VIOLATION,
                    "silent for " + context.settings().silenceLimit().toSeconds() + " s");
        } else {
            s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    private void subscribe(JsonNode id, List<String> streams) {
        Set<String> added = new LinkedHashSet<>(streams); // in the order asked, for the latest rows
        added.removeAll(subscriptions);
        int max = context.settings().maxSubscriptions();
        if (subscriptions.size() + added.size() > max) {
            sendError(id, "at most " + max + " subscriptions per connection; this one has "
                    + subscriptions.size() + " and asked for " + added.size() + " more");
            return;
        }
        List<LiveStream> targets = new ArrayList<>(added.size());
        for (String name : added) {
            LiveStream stream = context.registry().streamForSubscriber(name);
            if (stream == null) {
                sendError(id, "the server knows " + StreamRegistry.MAX_STREAMS + " streams already; '" + name
                        + "' is not one of them");
                return;
            }
            targets.add(stream);
        }
        sendAck(id, streams);
        for (LiveStream stream : targets) {
            subscriptions.add(stream.name());
            stream.subscribe(this);
        }
        if (isClosed()) {
            unsubscribeAll(); // closed as slow meanwhile: its release may have missed these
        }
    }

    private void unsubscribe(JsonNode id, List<String> streams) {
        for (String name : streams) {
            if (subscriptions.remove(name)) {
                context.registry().stream(name).unsubscribe(this);
            }
        }
        sendAck(id, streams);
    }

    /** The request's valid stream names, or null after answering an error. */
    private List<String> streamsOf(JsonNode request, JsonNode id) {
        JsonNode array = request.get("streams");
        if (array == null || !array.isArray() || array.isEmpty()) {
            sendError(id, "\"streams\" must be a non-empty array of stream names");
            return null;
        }
        List<String> names = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            String name = element.isTextual() ? element.asText() : null;
            String problem = name == null ? "stream names must be strings" : StreamNames.problem(name);
            if (problem != null) {
                sendError(id, problem);
                return null;
            }
            names.add(name);
        }
        return names;
    }

    private void sendAck(JsonNode id, List<String> streams) {
        ObjectNode ack = context.json().createObjectNode();
        ack.set("id", id);
        ack.put("result", "ok");
        streams.forEach(ack.putArray("streams")::add);
        sendControl(ack);
    }

    private void sendError(JsonNode id, String problem) {
        context.metrics().clientErrors.increment();
        ObjectNode error = context.json().createObjectNode();
        if (id != null) {
            error.set("id", id);
        }
        error.put("error", problem);
        sendControl(error);
    }

    private void sendControl(ObjectNode message) {
        deliver(new LiveMessage(null, 0, LiveMessage.NO_TIME, false, message.toString(), NOT_A_ROW));
    }

    // Called with this locked, from the ingest thread: close, forget the queue, unsubscribe.
    private void closeSlow() {
        context.metrics().slowClientCloses.increment();
        closeWith(StatusCode.POLICY_VIOLATION, "slow client: the outbound queue of "
                + context.settings().outboundQueueRows() + " rows overflowed");
    }

    private void closeWith(int status, String reason) {
        Session s = session;
        release();
        s.close(status, reason, Callback.NOOP);
        // A client that reads nothing never completes the close handshake: cut it off soon after.
        try {
            context.scheduler().schedule(s::disconnect, 2, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            s.disconnect();
        }
    }

    private void release() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            context.metrics().conflatedRows.add(queue.takeConflated());
            queue.clear();
        }
        unsubscribeAll();
        if (context.clients().remove(this)) {
            context.metrics().clients.decrementAndGet(); // counted only once open
        }
        context.limiter().closed(ip);
    }

    /** Messages waiting for this client: in its queue, or handed to Jetty and not written yet. */
    synchronized int pendingMessages() {
        return queue.size() + inFlight;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void unsubscribeAll() {
        for (String name : subscriptions) {
            context.registry().stream(name).unsubscribe(this);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
