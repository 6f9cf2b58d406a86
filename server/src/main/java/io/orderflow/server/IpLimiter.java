package io.orderflow.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-IP limits: open WebSocket connections, and requests per second as a token bucket holding one
 * second's worth (so a burst of that size passes, then the steady rate).
 */
final class IpLimiter {

    private final int maxConnections;
    private final int requestsPerSecond;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Integer> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    IpLimiter(int maxConnections, int requestsPerSecond, LongSupplier nanoClock) {
        this.maxConnections = maxConnections;
        this.requestsPerSecond = requestsPerSecond;
        this.nanoClock = nanoClock;
    }

    /** Takes a request token; false when the IP has none left this second. */
    boolean tryRequest(String ip) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(ip, k -> new Bucket(requestsPerSecond, now));
        synchronized (bucket) {
            double elapsedSeconds = (now - bucket.refilledNanos) / 1e9;
            bucket.tokens = Math.min(requestsPerSecond, bucket.tokens + elapsedSeconds * requestsPerSecond);
            bucket.refilledNanos = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /** Counts a connection in; false (and nothing counted) when the IP has its maximum open. */
    boolean tryOpen(String ip) {
        boolean[] opened = {false};
        connections.compute(ip, (k, n) -> {
            int open = n == null ? 0 : n;
            if (open >= maxConnections) {
                return n;
            }
            opened[0] = true;
            return open + 1;
        });
        return opened[0];
    }

    void closed(String ip) {
        connections.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
    }

    int openConnections(String ip) {
        return connections.getOrDefault(ip, 0);
    }

    /** Forgets the buckets of IPs idle for a second or more: a full bucket is what a new one holds. */
    void evictIdle() {
        long now = nanoClock.getAsLong();
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return now - b.refilledNanos >= 1_000_000_000L;
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long refilledNanos;

        Bucket(double tokens, long refilledNanos) {
            this.tokens = tokens;
            this.refilledNanos = refilledNanos;
        }
    }
}
