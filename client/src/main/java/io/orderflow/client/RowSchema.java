package io.orderflow.client;

import java.util.List;

/**
 * A row kind's columns, named and typed as docs/signals.md lists them, and how its record is built
 * from the decoded values. The values sit at the columns' positions in {@link RowValues}.
 */
final class RowSchema<T extends Row> {

    enum Type {
        /** A whole number (times in epoch ms, ids, counts). */
        LONG,
        /** A number; null (the job's NaN or infinity) and the strings {@code "NaN"}, {@code "Infinity"} read as those. */
        DOUBLE,
        BOOLEAN,
        /** A non-null string of a small vocabulary (symbols, types): decoded once and shared. */
        TEXT,
        /** As {@link #TEXT}, or null. */
        OPTIONAL_TEXT,
        /** A string different in every row (a JSON document). */
        UNIQUE_TEXT,
        TIMEFRAME
    }

    /**
     * {@code fallback} (a long, 1 for true: LONG and BOOLEAN columns) stands for null or absence; a DOUBLE
     * column with a fallback reads NaN in their place.
     */
    record Column(String name, Type type, boolean hasFallback, long fallback) {}

    @FunctionalInterface
    interface Builder<T> {
        T build(RowValues values);
    }

    static final RowSchema<Trade> TRADES = new RowSchema<>("prices", List.of(
            column("ts_ms", Type.LONG), column("event_ts_ms", Type.LONG), column("symbol", Type.TEXT),
            column("price", Type.DOUBLE), column("qty", Type.DOUBLE), column("agg_trade_id", Type.LONG),
            column("latency_ms", Type.LONG), column("recv_rate_tps", Type.DOUBLE)),
            v -> new Trade(v.longAt(0), v.longAt(1), v.text(2), v.doubleAt(3), v.doubleAt(4), v.longAt(5),
                    v.longAt(6), v.doubleAt(7)));

    static final RowSchema<Ofi> OFI = new RowSchema<>("ofi", List.of(
            column("ts_ms", Type.LONG), column("symbol", Type.TEXT), column("ofi_value", Type.DOUBLE),
            column("ofi_z", Type.DOUBLE), column("scale", Type.DOUBLE), column("regime", Type.OPTIONAL_TEXT),
            column("ofi_ema", Type.DOUBLE), column("warmup", Type.BOOLEAN), column("std_zero", Type.BOOLEAN),
            optionalDouble("best_bid"), optionalDouble("best_ask"), optionalDouble("ofi_l1")),
            v -> new Ofi(v.longAt(0), v.text(1), v.doubleAt(2), v.doubleAt(3), v.doubleAt(4), v.text(5),
                    v.doubleAt(6), v.bool(7), v.bool(8), v.doubleAt(9), v.doubleAt(10), v.doubleAt(11)));

    static final RowSchema<Cvd> CVD = new RowSchema<>("cvd", List.of(
            column("ts_ms", Type.LONG), column("symbol", Type.TEXT),
            new Column("agg_trade_id", Type.LONG, true, Cvd.UNKNOWN_TRADE_ID),
            column("cvd", Type.DOUBLE), column("delta", Type.DOUBLE), column("z_raw", Type.DOUBLE),
            column("z_cvd", Type.DOUBLE), column("scale", Type.DOUBLE), column("sigma_floor", Type.DOUBLE),
            column("floor_used", Type.BOOLEAN), column("regime", Type.OPTIONAL_TEXT)),
            v -> new Cvd(v.longAt(0), v.text(1), v.longAt(2), v.doubleAt(3), v.doubleAt(4), v.doubleAt(5),
                    v.doubleAt(6), v.doubleAt(7), v.doubleAt(8), v.bool(9), v.text(10)));

    /**
     * {@code closed} is the live stream's addition; a row without it is a closed bar, as history rows
     * are and as the server itself reads such a row (it tells a forming bar by {@code "closed":false}).
     */
    static final RowSchema<Kline> KLINES = new RowSchema<>("klines", List.of(
            column("ts_ms", Type.LONG), column("symbol", Type.TEXT), column("timeframe", Type.TIMEFRAME),
            column("open", Type.DOUBLE), column("high", Type.DOUBLE), column("low", Type.DOUBLE),
            column("close", Type.DOUBLE), column("volume", Type.DOUBLE), column("quote_volume", Type.DOUBLE),
            column("taker_buy_volume", Type.DOUBLE), column("trade_count", Type.LONG), column("vwap", Type.DOUBLE),
            new Column("closed", Type.BOOLEAN, true, 1)),
            v -> new Kline(v.longAt(0), v.text(1), v.timeframe(2), v.doubleAt(3), v.doubleAt(4), v.doubleAt(5),
                    v.doubleAt(6), v.doubleAt(7), v.doubleAt(8), v.doubleAt(9), v.longAt(10), v.doubleAt(11),
                    v.bool(12)));

    static final RowSchema<Fusion> FUSION = new RowSchema<>("fusion", List.of(
            column("ts_ms", Type.LONG), column("symbol", Type.TEXT), column("score", Type.DOUBLE),
            column("score_z", Type.DOUBLE), column("ofi_z", Type.DOUBLE), column("z_cvd", Type.DOUBLE),
            column("ofi_ts_ms", Type.LONG), column("cvd_ts_ms", Type.LONG), column("regime", Type.OPTIONAL_TEXT),
            column("warmup", Type.BOOLEAN)),
            v -> new Fusion(v.longAt(0), v.text(1), v.doubleAt(2), v.doubleAt(3), v.doubleAt(4), v.doubleAt(5),
                    v.longAt(6), v.longAt(7), v.text(8), v.bool(9)));

    static final RowSchema<Event> EVENTS = new RowSchema<>("events", List.of(
            column("ts_ms", Type.LONG), column("symbol", Type.TEXT), column("event_type", Type.TEXT),
            column("meta_json", Type.UNIQUE_TEXT)),
            v -> new Event(v.longAt(0), v.text(1), v.text(2), v.text(3)));

    final String kind;
    final Column[] columns;
    final Builder<T> builder;

    private RowSchema(String kind, List<Column> columns, Builder<T> builder) {
        this.kind = kind;
        this.columns = columns.toArray(new Column[0]);
        this.builder = builder;
    }

    /** The position of the column {@code name}, trying {@code expected} first (rows come in column order); -1 if none. */
    int indexOf(String name, int expected) {
        if (expected < columns.length && columns[expected].name().equals(name)) {
            return expected;
        }
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Column column(String name, Type type) {
        return new Column(name, type, false, 0);
    }

    /** A number column added after files were written: NaN in the history rows of older files, which lack it. */
    private static Column optionalDouble(String name) {
        return new Column(name, Type.DOUBLE, true, 0);
    }
}
