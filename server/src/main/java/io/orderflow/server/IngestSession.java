package io.orderflow.server;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One ingest connection from a live sink subtask: text frames of messages separated by {@code \n}.
 * Nothing is answered: a bad message is counted and skipped (docs/live-protocol.md).
 * Public only because Jetty calls the listener through method handles.
 */
public final class IngestSession implements Session.Listener.AutoDemanding {

    private final ServerContext context;
    private final AtomicBoolean open = new AtomicBoolean();

    IngestSession(ServerContext context) {
        this.context = context;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.setMaxTextMessageSize(context.settings().maxIngestFrameBytes());
        open.set(true);
        context.metrics().ingestConnections.incrementAndGet();
    }

    @Override
    public void onWebSocketText(String frame) {
        long receivedNanos = System.nanoTime();
        int start = 0;
        while (start < frame.length()) {
            int end = frame.indexOf('\n', start);
            if (end < 0) {
                end = frame.length();
            }
            if (end > start) {
                context.registry().ingest(frame.substring(start, end), receivedNanos);
            }
            start = end + 1;
        }
        context.writers().awaitCaughtUp();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closed();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed();
    }

    private void closed() {
        if (open.compareAndSet(true, false)) {
            context.metrics().ingestConnections.decrementAndGet();
        }
    }
}
