package io.orderflow.server;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
    /** Each stream's last seq from the server's previous run, until the stream is known again. */
    private final Map<String, Long> lastSeqsBefore;

    StreamRegistry(int ringSize, ServerMetrics metrics, Map<String, Long> lastSeqsBefore) {
        this.ringSize = ringSize;
        this.metrics = metrics;
        this.lastSeqsBefore = Map.copyOf(lastSeqsBefore);
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
        return streams.computeIfAbsent(name, n -> new LiveStream(n, ringSize, lastSeqsBefore.getOrDefault(n, 0L)));
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

    /** Every stream's last seq, those of the previous run not heard of since included. */
    Map<String, Long> lastSeqs() {
        Map<String, Long> lastSeqs = new HashMap<>(lastSeqsBefore);
        for (LiveStream stream : streams.values()) {
            long last = stream.lastSeq();
            if (last > 0) {
                lastSeqs.put(stream.name(), last);
            }
        }
        return lastSeqs;
    }

    Collection<LiveStream> all() {
        return streams.values();
    }
}
