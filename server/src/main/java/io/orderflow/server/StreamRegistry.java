package io.orderflow.server;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stream the server knows: those rows arrived for and those clients subscribed to (valid names
 * only). Counts what ingest accepted and what it dropped.
 */
final class StreamRegistry {

    enum Ingested { ACCEPTED, STALE, BAD }

    /** Streams clients may make known before their first row; beyond it only ingest adds streams. */
    static final int MAX_STREAMS = 100_000;

    private final ConcurrentHashMap<String, LiveStream> streams = new ConcurrentHashMap<>();
    private final int ringSize;
    private final ServerMetrics metrics;

    StreamRegistry(int ringSize, ServerMetrics metrics) {
        this.ringSize = ringSize;
        this.metrics = metrics;
    }

    /** Reads, keeps and fans out one message; a bad or stale one is counted and skipped. */
    Ingested ingest(String text, long receivedNanos) {
        LiveMessage message;
        try {
            message = MessageReader.read(text, receivedNanos);
        } catch (MessageReader.BadMessageException e) {
            metrics.badMessages.increment();
            return Ingested.BAD;
        }
        if (!stream(message.stream()).accept(message)) {
            metrics.staleRows.increment();
            return Ingested.STALE;
        }
        metrics.rowsIn.increment();
        return Ingested.ACCEPTED;
    }

    /** The stream of a valid name, created if new. */
    LiveStream stream(String name) {
        return streams.computeIfAbsent(name, n -> new LiveStream(n, ringSize));
    }

    /**
     * The stream of a valid name for a subscriber, created if new unless the registry holds
     * {@link #MAX_STREAMS} already (null then): names are free, so clients must not add them forever.
     */
    LiveStream streamForSubscriber(String name) {
        LiveStream known = streams.get(name);
        return known != null || streams.size() >= MAX_STREAMS ? known : stream(name);
    }

    /** The stream, or null if the server has never heard of it. */
    LiveStream find(String name) {
        return streams.get(name);
    }

    Collection<LiveStream> all() {
        return streams.values();
    }
}
