package io.orderflow.testkit.loopback;

import java.util.ArrayDeque;

/** Binance's cap on messages a client may send per second on one connection (a sliding second). */
final class IncomingRateLimit {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final int perSecond;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();

    IncomingRateLimit(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Records a message at {@code nowNanos}; false if it is one too many for the last second. */
    synchronized boolean tryAcquire(long nowNanos) {
        while (!recent.isEmpty() && nowNanos - recent.peekFirst() >= WINDOW_NANOS) {
            recent.pollFirst();
        }
        if (recent.size() >= perSecond) {
            return false;
        }
        recent.addLast(nowNanos);
        return true;
    }

    int perSecond() {
        return perSecond;
    }
}
