package io.orderflow.client;

import java.util.Locale;

/** The streams of a symbol other than its klines, named as the server names them (docs/live-protocol.md). */
public enum Signal {
    TRADE("trade", RowSchema.TRADES),
    OFI("ofi", RowSchema.OFI),
    CVD("cvd", RowSchema.CVD),
    FUSION("fusion", RowSchema.FUSION),
    EVENTS("events", RowSchema.EVENTS);

    private final String suffix;
    private final RowSchema<?> schema;

    Signal(String suffix, RowSchema<?> schema) {
        this.suffix = suffix;
        this.schema = schema;
    }

    /** The stream of this signal for {@code symbol}, e.g. {@code btcusdt@fusion}. */
    public String stream(String symbol) {
        return streamName(symbol, suffix);
    }

    /** The stream of {@code symbol}'s bars of {@code timeframe}, e.g. {@code btcusdt@kline_1m}. */
    public static String klineStream(String symbol, Timeframe timeframe) {
        return streamName(symbol, "kline_" + timeframe.label());
    }

    /** The schema of a stream's rows, by the kind after its {@code @}; null for a kind the client does not know. */
    static RowSchema<?> schemaOf(String stream) {
        String kind = stream.substring(stream.indexOf('@') + 1);
        if (kind.startsWith("kline_")) {
            return RowSchema.KLINES;
        }
        for (Signal signal : values()) {
            if (signal.suffix.equals(kind)) {
                return signal.schema;
            }
        }
        return null;
    }

    private static String streamName(String symbol, String kind) {
        return symbol.toLowerCase(Locale.ROOT) + "@" + kind;
    }
}
