package io.orderflow.core.signal;

/** The bar lengths of the {@code klines} kind; bars are aligned to the epoch, so to UTC. */
public enum KlineTimeframe {
    ONE_MINUTE("1m", 60_000L),
    FIVE_MINUTES("5m", 300_000L),
    ONE_HOUR("1h", 3_600_000L);

    private final String label;
    private final long millis;

    KlineTimeframe(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    /** The {@code timeframe} column's value, Binance's interval name. */
    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    /** Open time of the bar holding {@code timeMs}. */
    public long openTime(long timeMs) {
        return Math.floorDiv(timeMs, millis) * millis;
    }

    /** Last millisecond of the bar holding {@code timeMs}: the event time at which it is complete. */
    public long lastMilli(long timeMs) {
        return openTime(timeMs) + millis - 1;
    }
}
