package io.orderflow.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Parquet written by DuckDB the way the job lays it out ({@code date=/symbol=/kind=/part-*.parquet}),
 * with the columns and types of docs/signals.md (times as UTC timestamps, doubles, int64), for the
 * real server's {@code /history}.
 */
final class JobLayout {

    private JobLayout() {}

    static void writeKlines(Path data, String file, List<Kline> bars) throws Exception {
        write(data, file, bars, b -> List.of(time(b.tsMs()), text(b.symbol()), text(b.timeframe().label()), real(b.open()),
                real(b.high()), real(b.low()), real(b.close()), real(b.volume()), real(b.quoteVolume()),
                real(b.takerBuyVolume()), whole(b.tradeCount()), real(b.vwap())),
                "ts_ms, symbol, timeframe, open, high, low, close, volume, quote_volume, taker_buy_volume, trade_count, vwap");
    }

    static void writeTrades(Path data, String file, List<Trade> trades) throws Exception {
        write(data, file, trades, t -> List.of(time(t.tsMs()), time(t.eventTsMs()), text(t.symbol()), real(t.price()),
                real(t.qty()), whole(t.aggTradeId()), whole(t.latencyMs()), real(t.recvRateTps())),
                "ts_ms, event_ts_ms, symbol, price, qty, agg_trade_id, latency_ms, recv_rate_tps");
    }

    /** Rows as lists of SQL values, under {@code columns}. */
    static <T> void write(Path data, String file, List<T> rows, Function<T, List<String>> values, String columns)
            throws Exception {
        Path path = data.resolve(file);
        Files.createDirectories(path.getParent());
        String tuples = rows.stream().map(row -> "(" + String.join(", ", values.apply(row)) + ")").collect(Collectors.joining(", "));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone = 'UTC'");
            sql.execute("COPY (SELECT * FROM (VALUES " + tuples + ") t(" + columns + ")) TO '" + path
                    + "' (FORMAT parquet, KV_METADATA {'orderflow.config.fingerprint': 'it'})");
        }
    }

    static String time(long epochMs) {
        return "CAST(epoch_ms(" + epochMs + ") AS TIMESTAMPTZ)";
    }

    static String real(double value) {
        return Double.isNaN(value) ? "'NaN'::DOUBLE" : value + "::DOUBLE";
    }

    static String whole(long value) {
        return value + "::BIGINT";
    }

    static String text(String value) {
        return "'" + value + "'";
    }
}
