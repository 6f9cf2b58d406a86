package io.orderflow.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The committed rows of one stream between two event times, read from the job's Parquet output with
 * DuckDB: {@code DIR/date=*}{@code /symbol=SYM/kind=KIND/part-*.parquet}. The glob names committed
 * files only (in-progress files are hidden {@code .part-*.inprogress.*}). The partitions are in the glob,
 * so their columns are left out (the files carry the symbol as a column). Times come back as epoch ms.
 */
final class ParquetHistory {

    /** Columns in file order, rows of values (times as epoch ms), the files' config fingerprints. */
    record Rows(List<String> columns, List<Object[]> rows, List<String> fingerprints) {
        static final Rows NONE = new Rows(List.of(), List.of(), List.of());
    }

    private final Path dataDir;

    ParquetHistory(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Up to {@code limit} rows with {@code fromMs <= ts_ms < toMs}, in event-time order. */
    Rows read(String stream, long fromMs, long toMs, int limit) throws SQLException {
        if (!Files.isDirectory(dataDir)) {
            return Rows.NONE;
        }
        String kind = kindOf(stream);
        String glob = dataDir.toAbsolutePath() + "/date=*/symbol=" + StreamNames.symbol(stream).toUpperCase()
                + "/kind=" + kind + "/part-*.parquet";
        String timeframeFilter = kind.equals("klines") ? " AND timeframe = ?" : "";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement settings = db.createStatement()) {
                // Bounded, so one query cannot starve the fan-out; UTC, so timestamps compare as epoch ms.
                settings.execute("SET threads = 1");
                settings.execute("SET memory_limit = '256MB'");
                settings.execute("SET TimeZone = 'UTC'");
            }
            if (!anyFile(db, glob)) {
                return Rows.NONE;
            }
            List<String> columns = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement("SELECT * FROM read_parquet(?, union_by_name = true, hive_partitioning = false)"
                    + " WHERE ts_ms >= make_timestamp(CAST(? AS BIGINT) * 1000) AND ts_ms < make_timestamp(CAST(? AS BIGINT) * 1000)"
                    + timeframeFilter + " ORDER BY ts_ms LIMIT ?")) {
                int p = 1;
                query.setString(p++, glob);
                query.setLong(p++, fromMs);
                query.setLong(p++, toMs);
                if (!timeframeFilter.isEmpty()) {
                    query.setString(p++, stream.substring(stream.indexOf("@kline_") + 7));
                }
                query.setInt(p, limit);
                try (ResultSet rs = query.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        columns.add(meta.getColumnName(c));
                    }
                    while (rs.next()) {
                        Object[] row = new Object[columns.size()];
                        for (int c = 0; c < row.length; c++) {
                            row[c] = epochMillisIfTime(rs.getObject(c + 1));
                        }
                        rows.add(row);
                    }
                }
            }
            return new Rows(columns, rows, fingerprints(db, glob));
        }
    }

    static String kindOf(String stream) {
        String kind = stream.substring(stream.indexOf('@') + 1);
        if (kind.equals("trade")) {
            return "prices";
        }
        return kind.startsWith("kline_") ? "klines" : kind;
    }

    private static boolean anyFile(Connection db, String glob) throws SQLException {
        try (PreparedStatement files = db.prepareStatement("SELECT count(*) FROM glob(?)")) {
            files.setString(1, glob);
            try (ResultSet rs = files.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private static List<String> fingerprints(Connection db, String glob) throws SQLException {
        TreeSet<String> fingerprints = new TreeSet<>();
        try (PreparedStatement query = db.prepareStatement("SELECT DISTINCT decode(value) FROM parquet_kv_metadata(?)"
                + " WHERE decode(key) = 'orderflow.config.fingerprint'")) {
            query.setString(1, glob);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    fingerprints.add(rs.getString(1));
                }
            }
        }
        return List.copyOf(fingerprints);
    }

    private static Object epochMillisIfTime(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toEpochMilli();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant().toEpochMilli();
        }
        return value;
    }
}
