package io.orderflow.core.signal;

/**
 * Classifies a symbol's current activity against its own recent history: the event rate over the
 * last ~10 s of event time against the rate over the last ~10 min.
 *
 * <p>Until the fast window has filled once the regime is {@code normal}: there is no history to
 * compare against yet. A Flink POJO, kept in keyed state.
 */
public class ActivityRegime {

    public static final String QUIET = "quiet";
    public static final String NORMAL = "normal";
    public static final String ACTIVE = "active";

    static final double FAST_TAU_SEC = 10.0;
    static final double SLOW_TAU_SEC = 600.0;
    static final double ACTIVE_RATIO = 1.5;
    static final double QUIET_RATIO = 0.5;

    public DecayingRate fast = new DecayingRate(FAST_TAU_SEC);
    public DecayingRate slow = new DecayingRate(SLOW_TAU_SEC);

    /** Counts one event at {@code timeMs} (event time) and returns the regime after it. */
    public String record(long timeMs) {
        fast.record(timeMs);
        slow.record(timeMs);
        return current();
    }

    public String current() {
        double slowRate = slow.perSecond();
        if (fast.elapsedMs() < FAST_TAU_SEC * 1000.0 || slowRate == 0.0) {
            return NORMAL;
        }
        double ratio = fast.perSecond() / slowRate;
        if (ratio >= ACTIVE_RATIO) {
            return ACTIVE;
        }
        return ratio <= QUIET_RATIO ? QUIET : NORMAL;
    }
}
