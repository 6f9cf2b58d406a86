package io.orderflow.core.exchange.binance.feed;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Lets one line of a kind through per window and counts the ones held back, so bad input arriving
 * at feed speed cannot flood the log. Not thread-safe: one per connection, used under its lock.
 */
public final class ThrottledLog {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    private final Logger log;
    private final long windowNanos;
    private boolean logged;
    private long lastLoggedNanos;
    private long suppressed;

    public ThrottledLog(Logger log, Duration window) {
        this.log = log;
        this.windowNanos = window.toNanos();
    }

    public ThrottledLog(Logger log) {
        this(log, DEFAULT_WINDOW);
    }

    public void warn(String format, Object... args) {
        long held = permit(System.nanoTime());
        if (held >= 0) {
            log.warn(format + suffix(held), args);
        }
    }

    public void error(String format, Object... args) {
        long held = permit(System.nanoTime());
        if (held >= 0) {
            log.error(format + suffix(held), args);
        }
    }

    /**
     * -1 if this occurrence must not be logged; otherwise it may be, and the result is how many were
     * held back since the last one logged.
     */
    long permit(long nowNanos) {
        if (logged && nowNanos - lastLoggedNanos < windowNanos) {
            suppressed++;
            return -1;
        }
        long held = suppressed;
        logged = true;
        lastLoggedNanos = nowNanos;
        suppressed = 0;
        return held;
    }

    private String suffix(long held) {
        return held == 0 ? "" : " (" + held + " more like it in the last " + Duration.ofNanos(windowNanos).toSeconds()
                + " s not logged)";
    }
}
