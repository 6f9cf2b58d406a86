package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.wire.StreamName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One client connection's state: its route, subscriptions, incoming-message budget and ping
 * bookkeeping. Subscriptions change on the server's worker threads and are read by the market
 * thread on every message, hence a copy-on-write set, and beside it an immutable index by topic,
 * replaced on every change: the market thread finds a message's streams with one lookup instead
 * of a pass over all of them (a connection carries up to 1,024 streams).
 */
final class ClientSession {

    private static final long NO_PING = Long.MIN_VALUE;

    private final Endpoint endpoint;
    private final Set<StreamName> streams = new CopyOnWriteArraySet<>();
    /** The subscribed streams of each topic this connection's route lets through. */
    private volatile Map<Topic, List<StreamName>> byTopic = Map.of();
    private final IncomingRateLimit rateLimit;
    private long unansweredPingSinceNanos = NO_PING;
    private volatile Future<?> ageCut;

    ClientSession(Endpoint endpoint, int messagesPerSecond) {
        this.endpoint = endpoint;
        this.rateLimit = new IncomingRateLimit(messagesPerSecond);
        subscribe(endpoint.streams());
    }

    synchronized void subscribe(Collection<StreamName> names) {
        streams.addAll(names);
        index();
    }

    synchronized void unsubscribe(Collection<StreamName> names) {
        streams.removeAll(names);
        index();
    }

    private void index() {
        Map<Topic, List<StreamName>> index = new HashMap<>();
        for (StreamName stream : streams) {
            if (endpoint.delivers(stream.kind())) {
                index.computeIfAbsent(Topic.of(stream), t -> new ArrayList<>()).add(stream);
            }
        }
        index.replaceAll((topic, names) -> List.copyOf(names));
        byTopic = Map.copyOf(index);
    }

    /** Whether some subscribed stream of this connection carries {@code topic}. */
    boolean carries(Topic topic) {
        return byTopic.containsKey(topic);
    }

    /** Subscribed stream names, in subscription order. */
    List<String> subscriptions() {
        return streams.stream().map(StreamName::name).toList();
    }

    /**
     * Hands {@code send} one frame per subscribed stream of {@code topic} that this connection's
     * route lets through: wrapped as {@code {"stream":..,"data":..}} on a combined connection.
     */
    void deliver(Topic topic, String data, Consumer<String> send) {
        for (StreamName stream : byTopic.getOrDefault(topic, List.of())) {
            send.accept(endpoint.combined()
                    ? "{\"stream\":\"" + stream.name() + "\",\"data\":" + data + "}"
                    : data);
        }
    }

    /** Counts one incoming message; false once the client exceeds its per-second budget. */
    boolean admit(long nowNanos) {
        return rateLimit.tryAcquire(nowNanos);
    }

    int messagesPerSecond() {
        return rateLimit.perSecond();
    }

    /** A ping went out; the clock for a pong starts at the oldest unanswered one. */
    synchronized void pinged(long nowNanos) {
        if (unansweredPingSinceNanos == NO_PING) {
            unansweredPingSinceNanos = nowNanos;
        }
    }

    synchronized void ponged() {
        unansweredPingSinceNanos = NO_PING;
    }

    synchronized boolean pongOverdue(long nowNanos, long timeoutNanos) {
        return unansweredPingSinceNanos != NO_PING && nowNanos - unansweredPingSinceNanos > timeoutNanos;
    }

    void ageCut(Future<?> cut) {
        ageCut = cut;
    }

    void closed() {
        Future<?> cut = ageCut;
        if (cut != null) {
            cut.cancel(false);
        }
    }
}
