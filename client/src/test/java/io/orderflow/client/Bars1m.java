package io.orderflow.client;

/** Hand-made one-minute BTCUSDT bars whose fields all follow from their open time and a version. */
final class Bars1m {

    static final long MINUTE = 60_000L;

    private Bars1m() {}

    /** The bar opened at minute {@code minute}, in its {@code version}-th state: close = minute + version / 10. */
    static Kline bar(long minute, int version, boolean closed) {
        double open = minute;
        double close = minute + version / 10.0;
        return new Kline(minute * MINUTE, "BTCUSDT", Timeframe.M1, open, close + 1, open - 1, close, version,
                version * close, version / 2.0, version, close, closed);
    }

    static Kline closed(long minute) {
        return bar(minute, 9, true);
    }

    /** Whether every field is the one {@link #bar} gives for its open time and version: a torn bar is not. */
    static boolean whole(Kline k) {
        long minute = k.tsMs() / MINUTE;
        int version = (int) k.tradeCount();
        return k.equals(bar(minute, version, k.closed())) && k.tsMs() % MINUTE == 0;
    }
}
