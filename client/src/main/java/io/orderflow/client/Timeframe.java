package io.orderflow.client;

/**
 * The bar lengths the job builds, named as Binance names its intervals (docs/signals.md, Klines). Core's
 * {@code KlineTimeframe} again: the client may not depend on core, which brings SLF4J.
 */
public enum Timeframe {
    M1("1m", 60_000L),
    M5("5m", 300_000L),
    H1("1h", 3_600_000L);

    private final String label;
    private final long millis;

    Timeframe(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    /** As in the {@code timeframe} column and the stream name: {@code 1m}, {@code 5m}, {@code 1h}. */
    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    private static final Timeframe[] ALL = values();

    /** The timeframe of a label, or an exception listing the known ones. */
    public static Timeframe of(String label) {
        Timeframe timeframe = byLabel(label);
        if (timeframe == null) {
            throw new IllegalArgumentException("unknown timeframe '" + label + "' (1m, 5m, 1h)");
        }
        return timeframe;
    }

    /** The timeframe of a label, or null. */
    static Timeframe byLabel(String label) {
        for (Timeframe t : ALL) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        return null;
    }
}
