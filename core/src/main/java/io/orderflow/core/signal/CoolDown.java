package io.orderflow.core.signal;

/**
 * Keeps one episode from producing a storm of events: after an event fires, the same trigger only
 * counts as suppressed until {@code coolDownMs} of event time have passed. The next event reports
 * how many triggers it followed, so nothing disappears without a trace. A Flink POJO, kept in keyed
 * state.
 */
public class CoolDown {

    public boolean fired;
    public long lastFiredMs;
    /** Triggers suppressed since the last event. */
    public long suppressed;

    /**
     * A trigger at {@code nowMs}: true if it fires an event, false if the cool-down suppresses it.
     * When it fires, {@link #suppressed} still holds the count it followed until the next trigger;
     * read it with {@link #takeSuppressed()}.
     */
    public boolean tryFire(long nowMs, long coolDownMs) {
        if (fired && nowMs - lastFiredMs < coolDownMs) {
            suppressed++;
            return false;
        }
        fired = true;
        lastFiredMs = nowMs;
        return true;
    }

    /** Triggers suppressed before the event that just fired; resets the count. */
    public long takeSuppressed() {
        long count = suppressed;
        suppressed = 0;
        return count;
    }
}
