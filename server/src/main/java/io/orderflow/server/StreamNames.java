package io.orderflow.server;

import java.util.Set;

/** The grammar of live stream names (docs/live-protocol.md): lower-case symbol, {@code @}, kind. */
public final class StreamNames {

    private static final Set<String> KINDS =
            Set.of("trade", "ofi", "cvd", "fusion", "events", "kline_1m", "kline_5m", "kline_1h");
    private static final int MAX_LENGTH = 64;

    private StreamNames() {}

    /** Null when {@code name} is a valid stream name, otherwise what is wrong with it. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "empty stream name";
        }
        if (name.length() > MAX_LENGTH) {
            return "stream name longer than " + MAX_LENGTH + " characters";
        }
        int at = name.indexOf('@');
        if (at <= 0) {
            return "stream name '" + name + "' is not symbol@kind";
        }
        for (int i = 0; i < at; i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return "stream name '" + name + "' has a symbol that is not lower-case letters, digits and _";
            }
        }
        if (!KINDS.contains(name.substring(at + 1))) {
            return "unknown stream kind in '" + name + "' (trade, ofi, cvd, fusion, events, kline_1m, kline_5m, kline_1h)";
        }
        return null;
    }

    /** The symbol part of a valid name. */
    public static String symbol(String name) {
        return name.substring(0, name.indexOf('@'));
    }

    /** Whether every row of the stream may be conflated; klines only while forming, per row. */
    static boolean alwaysConflatable(String name) {
        return name.endsWith("@ofi") || name.endsWith("@fusion");
    }

    static boolean isKline(String name) {
        return name.contains("@kline_");
    }
}
