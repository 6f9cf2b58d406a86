package io.orderflow.tools.dq;

import static io.orderflow.job.sink.ParquetSinks.CONFIG_KEY;
import static io.orderflow.job.sink.ParquetSinks.FINGERPRINT_KEY;
import static io.orderflow.job.sink.ParquetSinks.SOURCE_KEY;

import io.orderflow.job.sink.ParquetRowKind;
import io.orderflow.job.sink.RowKinds;
import io.orderflow.tools.dq.DqOptions.Kind;
import io.orderflow.tools.dq.DqReport.Fingerprint;
import io.orderflow.tools.dq.DqReport.IdGap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.parquet.schema.Type;

/**
 * The figures of a harvest, read with DuckDB: a few aggregate queries per kind, each grouped by
 * symbol (and by {@code GROUPING SETS} for the whole where a figure does not add up, like a
 * quantile), so no row passes through Java.
 */
final class HarvestScan implements AutoCloseable {

    static final String OVERALL = "";
    private static final Pattern WINSOR = Pattern.compile("(?:^|[{ ,])WINSOR_LIMIT=([0-9.eE+-]+)");

    /** One symbol's raw figures, or the whole harvest's under {@link #OVERALL}. */
    static final class Figures {
        Long firstMs;
        Long lastMs;
        final Map<String, Long> rowsByKind = new TreeMap<>();
        final Map<String, Long> sourceRows = new TreeMap<>();
        long priceRows;
        long distinctIds;
        Long minId;
        Long maxId;
        Long latencyP50;
        Long latencyP90;
        Long latencyP99;
        Long latencyMax;
        Long latencyMin;
        long skewedRows;
        Long driftP50;
        Long driftP99;
        long ofiRows;
        final long[] emptyTrades = new long[3]; // count, longest run, start minute of the longest
        final long[] emptyBooks = new long[3];
        final List<IdGap> idGaps = new ArrayList<>();
        long cvdRows;
        long cvdBeyond;
        Double zRawP99;
        Double zRawP999;
        Double zRawMax;
        Double zCvdP99;
        Double zCvdP999;
        Double zCvdMax;
        final Map<String, Long> diagnosticNonNull = new LinkedHashMap<>();
        long floorUsedRows;
        final Map<String, Long> events = new TreeMap<>();
        long klineRows;
        long klineHighBad;
        long klineLowBad;
        long klineNegativeVolume;
        long klineDuplicateBars;

        long minutesSpanned() {
            return firstMs == null ? 0 : Math.floorDiv(lastMs, 60_000L) - Math.floorDiv(firstMs, 60_000L) + 1;
        }

        void span(long first, long last) {
            firstMs = firstMs == null ? first : Math.min(firstMs, first);
            lastMs = lastMs == null ? last : Math.max(lastMs, last);
        }
    }

    static final List<String> DIAGNOSTIC_COLUMNS = List.of("scale", "sigma_floor", "floor_used");

    private final DqOptions options;
    private final HarvestFiles files;
    private final Connection duckdb;
    final Map<String, Figures> figures = new TreeMap<>();
    final List<Fingerprint> fingerprints = new ArrayList<>();
    final Set<String> cvdColumns = new HashSet<>();
    private final Set<String> mixedSchemaKinds = new HashSet<>();
    /** Preflight only: per kind, its committed files and those without the job's columns. */
    final Map<String, long[]> preflightFiles = new TreeMap<>();
    double winsorLimit;
    String winsorSource = "flag";

    HarvestScan(DqOptions options, HarvestFiles files) throws SQLException {
        this.options = options;
        this.files = files;
        this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
        this.winsorLimit = options.winsorLimit();
        figures.put(OVERALL, new Figures());
        List<String> symbols = options.symbols().isEmpty() ? List.copyOf(files.symbols()) : options.symbols();
        symbols.forEach(symbol -> figures.put(symbol, new Figures()));
    }

    void run() throws SQLException, IOException {
        // A harvest is tens of thousands of small files, each read once. The tables are only aggregated,
        // so rows may land in any order: keeping the files' order makes DuckDB merge a batch per file.
        // And no file is read twice: caching its blocks is work for nothing (docs/data-quality.md#speed).
        execute("SET preserve_insertion_order = false");
        execute("SET enable_external_file_cache = false");
        footers();
        for (String kind : files.kinds()) {
            load(kind);
        }
        if (files.kinds().contains("prices")) {
            prices();
            tradeIdGaps();
        }
        if (files.kinds().contains("ofi")) {
            ofi();
        }
        emptyMinutes();
        if (files.kinds().contains("cvd")) {
            cvd();
        }
        if (files.kinds().contains("events")) {
            events();
        }
        if (files.kinds().contains("klines")) {
            klines();
        }
        combineOverall();
        if (options.kind() == Kind.PREFLIGHT) {
            committedSchemas();
        }
    }

    /** Per kind a preflight needs: its committed files, and how many lack one of the job's columns or have another. */
    private void committedSchemas() throws SQLException {
        for (ParquetRowKind<?> kind : List.of(RowKinds.PRICES, RowKinds.CVD)) {
            long[] filesAndMisfits = new long[2];
            preflightFiles.put(kind.name(), filesAndMisfits);
            if (!files.kinds().contains(kind.name())) {
                continue;
            }
            List<String> expected = kind.schema().getFields().stream().map(Type::getName).toList();
            query("SELECT count(*), count(*) FILTER (WHERE columns <> " + sqlList(expected) + ") FROM ("
                            + "SELECT file_name, list_sort(list(name)) AS columns FROM parquet_schema("
                            + sqlList(files.sources(kind.name())) + ") WHERE num_children IS NULL GROUP BY file_name)",
                    rs -> {
                        filesAndMisfits[0] = rs.getLong(1);
                        filesAndMisfits[1] = rs.getLong(2);
                    });
        }
    }

    /**
     * Rows per kind, configuration fingerprints, WINSOR_LIMIT and source, from the footers alone (no row
     * is read), and the kinds whose files do not all share one schema.
     */
    private void footers() throws IOException {
        Map<Path, ParquetFooter> footers = ParquetFooter.readAll(files.committed().keySet());
        Map<String, long[]> byFingerprint = new TreeMap<>();
        Map<String, Long> rowsByConfig = new HashMap<>();
        Map<String, Set<ByteBuffer>> schemasByKind = new HashMap<>();
        files.committed().forEach((file, partition) -> {
            ParquetFooter footer = footers.get(file);
            long rows = footer.rows();
            Figures symbol = figures.get(partition.symbol());
            symbol.rowsByKind.merge(partition.kind(), rows, Long::sum);
            String source = footer.keyValues().get(SOURCE_KEY);
            if (source != null) {
                symbol.sourceRows.merge(source, rows, Long::sum);
            }
            String fingerprint = footer.keyValues().get(FINGERPRINT_KEY);
            if (fingerprint != null) {
                long[] counts = byFingerprint.computeIfAbsent(fingerprint, f -> new long[2]);
                counts[0]++;
                counts[1] += rows;
            }
            String config = footer.keyValues().get(CONFIG_KEY);
            if (config != null) {
                rowsByConfig.merge(config, rows, Long::sum);
            }
            schemasByKind.computeIfAbsent(partition.kind(), k -> new HashSet<>()).add(footer.schema());
        });
        byFingerprint.forEach((fingerprint, counts) -> fingerprints.add(new Fingerprint(fingerprint, counts[0], counts[1])));
        // WINSOR_LIMIT is looked for once per configuration, not once per file.
        Map<String, Long> rowsByWinsor = new TreeMap<>();
        rowsByConfig.forEach((config, rows) -> {
            Matcher winsor = WINSOR.matcher(config);
            if (winsor.find()) {
                rowsByWinsor.merge(winsor.group(1), rows, Long::sum);
            }
        });
        // Several limits only happen with several fingerprints, which fail on their own: take the commonest.
        rowsByWinsor.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e -> {
            winsorLimit = Double.parseDouble(e.getKey());
            winsorSource = "footer";
        });
        schemasByKind.forEach((kind, schemas) -> {
            if (schemas.size() > 1) {
                mixedSchemaKinds.add(kind);
            }
        });
    }

    /** The columns of each kind the report reads; times as epoch ms. */
    private static final Map<String, String> COLUMNS = Map.of(
            "prices", "symbol, epoch_ms(ts_ms) AS ts_ms, agg_trade_id, latency_ms",
            "ofi", "symbol, epoch_ms(ts_ms) AS ts_ms",
            "cvd", "symbol",
            "events", "symbol, epoch_ms(ts_ms) AS ts_ms, event_type",
            "klines", "symbol, timeframe, epoch_ms(ts_ms) AS ts_ms, open, high, low, close, volume");

    /**
     * Reads the columns of a kind the report needs into a table, once: the queries then run on
     * memory, not on the files (a 72-hour harvest has thousands of files per kind).
     */
    private void load(String kind) throws SQLException {
        String columns = COLUMNS.get(kind);
        if (columns == null) {
            return; // fusion, raw: their rows are counted from the footers
        }
        // union_by_name reads every file's schema before the first row, one file after another: only for
        // files whose schemas differ.
        String parquet = "read_parquet(" + sqlList(files.sources(kind)) + ", hive_partitioning = true"
                + (mixedSchemaKinds.contains(kind) ? ", union_by_name = true" : "") + ")";
        if (kind.equals("cvd")) {
            // Files written before a diagnostic column existed lack it; when no file has it, so does the table.
            columns += ", COLUMNS(c -> c IN ('z_raw', 'z_cvd', '" + String.join("', '", DIAGNOSTIC_COLUMNS) + "'))";
        }
        execute("CREATE TEMP TABLE \"" + kind + "\" AS SELECT " + columns + " FROM " + parquet);
        if (kind.equals("cvd")) {
            query("SELECT column_name FROM (DESCRIBE cvd)", rs -> cvdColumns.add(rs.getString(1)));
            for (String column : DIAGNOSTIC_COLUMNS) {
                if (!cvdColumns.contains(column)) {
                    execute("ALTER TABLE cvd ADD COLUMN " + column
                            + (column.equals("floor_used") ? " BOOLEAN" : " DOUBLE") + " DEFAULT NULL");
                }
            }
        }
    }

    private void prices() throws SQLException {
        query("SELECT symbol, count(*), min(ts_ms), max(ts_ms), min(agg_trade_id), max(agg_trade_id),"
                + " quantile_disc(latency_ms, [0.5, 0.9, 0.99]), max(latency_ms), min(latency_ms),"
                + " count(*) FILTER (WHERE latency_ms < " + -options.clockSkewMs() + "),"
                + " quantile_disc(abs(latency_ms), [0.5, 0.99])"
                + " FROM prices GROUP BY GROUPING SETS ((symbol), ())", rs -> {
                    Figures f = figuresOf(rs.getString(1));
                    f.priceRows = rs.getLong(2);
                    f.span(rs.getLong(3), rs.getLong(4));
                    f.minId = nullableLong(rs, 5);
                    f.maxId = nullableLong(rs, 6);
                    Object[] latency = list(rs, 7);
                    f.latencyP50 = (Long) latency[0];
                    f.latencyP90 = (Long) latency[1];
                    f.latencyP99 = (Long) latency[2];
                    f.latencyMax = nullableLong(rs, 8);
                    f.latencyMin = nullableLong(rs, 9);
                    f.skewedRows = rs.getLong(10);
                    Object[] drift = list(rs, 11);
                    f.driftP50 = (Long) drift[0];
                    f.driftP99 = (Long) drift[1];
                });
        // Per symbol only: ids are a symbol's own, and a distinct count over the whole would cost as much again.
        query("SELECT symbol, count(DISTINCT agg_trade_id) FROM prices GROUP BY symbol",
                rs -> figuresOf(rs.getString(1)).distinctIds = rs.getLong(2));
    }

    /** The ten largest runs of missing ids per symbol, for the symbols that miss some (sorting the ids costs). */
    private void tradeIdGaps() throws SQLException {
        List<String> missing = figures.entrySet().stream()
                .filter(e -> !e.getKey().equals(OVERALL) && e.getValue().minId != null
                        && e.getValue().maxId - e.getValue().minId + 1 > e.getValue().distinctIds)
                .map(e -> "'" + sqlString(e.getKey()) + "'")
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        query("WITH ids AS (SELECT DISTINCT symbol, agg_trade_id AS id FROM prices"
                + "   WHERE agg_trade_id IS NOT NULL AND symbol IN (" + String.join(", ", missing) + ")),"
                + " g AS (SELECT symbol, id, id - lag(id) OVER (PARTITION BY symbol ORDER BY id) - 1 AS missing FROM ids),"
                + " r AS (SELECT symbol, id, missing,"
                + "   row_number() OVER (PARTITION BY symbol ORDER BY missing DESC, id) AS rank FROM g WHERE missing > 0)"
                + " SELECT symbol, id - missing - 1, id, missing FROM r WHERE rank <= 10 ORDER BY symbol, rank", rs -> {
                    String symbol = rs.getString(1);
                    figuresOf(symbol).idGaps.add(new IdGap(symbol, rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
    }

    private void ofi() throws SQLException {
        query("SELECT symbol, count(*), min(ts_ms), max(ts_ms) FROM ofi GROUP BY symbol", rs -> {
            Figures f = figuresOf(rs.getString(1));
            f.ofiRows = rs.getLong(2);
            f.span(rs.getLong(3), rs.getLong(4));
        });
    }

    /**
     * Empty minutes of trades and of books within each symbol's span (its first to its last trade or
     * book): the gaps between consecutive non-empty minutes, with the span's edges as sentinels.
     */
    private void emptyMinutes() throws SQLException {
        execute("CREATE TEMP TABLE spans (symbol VARCHAR, first_minute BIGINT, last_minute BIGINT)");
        try (var insert = duckdb.prepareStatement("INSERT INTO spans VALUES (?, ?, ?)")) {
            for (var e : figures.entrySet()) {
                if (!e.getKey().equals(OVERALL) && e.getValue().firstMs != null) {
                    insert.setString(1, e.getKey());
                    insert.setLong(2, Math.floorDiv(e.getValue().firstMs, 60_000L));
                    insert.setLong(3, Math.floorDiv(e.getValue().lastMs, 60_000L));
                    insert.executeUpdate();
                }
            }
        }
        emptyMinutes("prices", f -> f.emptyTrades);
        emptyMinutes("ofi", f -> f.emptyBooks);
    }

    private void emptyMinutes(String kind, java.util.function.Function<Figures, long[]> target) throws SQLException {
        String minutes = files.kinds().contains(kind)
                ? "SELECT DISTINCT symbol, ts_ms // 60000 AS minute FROM " + kind + " UNION ALL "
                : "";
        query("WITH m AS (" + minutes
                + "   SELECT symbol, first_minute - 1 AS minute FROM spans UNION ALL SELECT symbol, last_minute + 1 FROM spans),"
                + " g AS (SELECT symbol, minute, minute - lag(minute) OVER (PARTITION BY symbol ORDER BY minute) - 1 AS gap"
                + "   FROM m),"
                + " r AS (SELECT symbol, gap, minute - gap AS start, max(gap) OVER (PARTITION BY symbol) AS longest"
                + "   FROM g WHERE gap > 0)"
                + " SELECT symbol, sum(gap), max(longest), min(start) FILTER (WHERE gap = longest) FROM r GROUP BY symbol",
                rs -> {
                    long[] empty = target.apply(figuresOf(rs.getString(1)));
                    empty[0] = rs.getLong(2);
                    empty[1] = rs.getLong(3);
                    empty[2] = rs.getLong(4);
                });
    }

    private void cvd() throws SQLException {
        String limit = Double.toString(winsorLimit);
        StringBuilder sql = new StringBuilder("SELECT symbol, count(*), count(*) FILTER (WHERE abs(z_raw) > " + limit + "),"
                + " quantile_disc(abs(z_raw), [0.99, 0.999]), max(abs(z_raw)),"
                + " quantile_disc(abs(z_cvd), [0.99, 0.999]), max(abs(z_cvd))");
        for (String column : DIAGNOSTIC_COLUMNS) {
            sql.append(", count(").append(column).append(')');
        }
        sql.append(", count(*) FILTER (WHERE floor_used)");
        query(sql + " FROM cvd GROUP BY GROUPING SETS ((symbol), ())", rs -> {
            Figures f = figuresOf(rs.getString(1));
            f.cvdRows = rs.getLong(2);
            f.cvdBeyond = rs.getLong(3);
            Object[] zRaw = list(rs, 4);
            f.zRawP99 = (Double) zRaw[0];
            f.zRawP999 = (Double) zRaw[1];
            f.zRawMax = nullableDouble(rs, 5);
            Object[] zCvd = list(rs, 6);
            f.zCvdP99 = (Double) zCvd[0];
            f.zCvdP999 = (Double) zCvd[1];
            f.zCvdMax = nullableDouble(rs, 7);
            for (int i = 0; i < DIAGNOSTIC_COLUMNS.size(); i++) {
                f.diagnosticNonNull.put(DIAGNOSTIC_COLUMNS.get(i), rs.getLong(8 + i));
            }
            f.floorUsedRows = rs.getLong(11);
        });
    }

    private void events() throws SQLException {
        query("SELECT symbol, event_type, count(*) FROM events GROUP BY ALL", rs ->
                figuresOf(rs.getString(1)).events.put(rs.getString(2), rs.getLong(3)));
    }

    private void klines() throws SQLException {
        query("SELECT symbol, count(*), count(*) FILTER (WHERE high < greatest(open, close)),"
                + " count(*) FILTER (WHERE low > least(open, close)), count(*) FILTER (WHERE volume < 0),"
                + " count(*) - count(DISTINCT timeframe || '@' || ts_ms) FROM klines GROUP BY symbol", rs -> {
                    Figures f = figuresOf(rs.getString(1));
                    f.klineRows = rs.getLong(2);
                    f.klineHighBad = rs.getLong(3);
                    f.klineLowBad = rs.getLong(4);
                    f.klineNegativeVolume = rs.getLong(5);
                    f.klineDuplicateBars = rs.getLong(6);
                });
    }

    /** The whole harvest's figures that add up over symbols (the others came from GROUPING SETS). */
    private void combineOverall() {
        Figures all = figures.get(OVERALL);
        all.firstMs = null; // the prices' total row spans trades only
        all.lastMs = null;
        List<IdGap> gaps = new ArrayList<>();
        for (var e : figures.entrySet()) {
            if (e.getKey().equals(OVERALL)) {
                continue;
            }
            Figures f = e.getValue();
            if (f.firstMs != null) {
                all.span(f.firstMs, f.lastMs);
            }
            f.rowsByKind.forEach((k, v) -> all.rowsByKind.merge(k, v, Long::sum));
            f.sourceRows.forEach((k, v) -> all.sourceRows.merge(k, v, Long::sum));
            f.events.forEach((k, v) -> all.events.merge(k, v, Long::sum));
            all.distinctIds += f.distinctIds;
            all.ofiRows += f.ofiRows;
            addEmpty(all.emptyTrades, f.emptyTrades);
            addEmpty(all.emptyBooks, f.emptyBooks);
            gaps.addAll(f.idGaps);
            all.klineRows += f.klineRows;
            all.klineHighBad += f.klineHighBad;
            all.klineLowBad += f.klineLowBad;
            all.klineNegativeVolume += f.klineNegativeVolume;
            all.klineDuplicateBars += f.klineDuplicateBars;
        }
        gaps.sort((a, b) -> Long.compare(b.missing(), a.missing()));
        all.idGaps.addAll(gaps.subList(0, Math.min(10, gaps.size())));
    }

    private static void addEmpty(long[] total, long[] symbol) {
        total[0] += symbol[0];
        if (symbol[1] > total[1]) {
            total[1] = symbol[1];
            total[2] = symbol[2];
        }
    }

    /** The symbol holding the longest empty run overall. */
    String longestRunSymbol(boolean trades) {
        long[] all = trades ? figures.get(OVERALL).emptyTrades : figures.get(OVERALL).emptyBooks;
        return figures.entrySet().stream()
                .filter(e -> !e.getKey().equals(OVERALL))
                .filter(e -> {
                    long[] s = trades ? e.getValue().emptyTrades : e.getValue().emptyBooks;
                    return s[1] > 0 && s[1] == all[1] && s[2] == all[2];
                })
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private Figures figuresOf(String symbol) {
        // A grouping set's total row has a NULL symbol; symbols outside --symbols are filtered earlier.
        return figures.computeIfAbsent(symbol == null ? OVERALL : symbol, s -> new Figures());
    }

    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs a query over the loaded tables (ChartData's too), a row at a time. */
    void query(String sql, RowHandler handler) throws SQLException {
        try (Statement statement = duckdb.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                handler.row(rs);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = duckdb.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** A {@code quantile_disc(x, [...])} list: one sort gives every quantile of a column. */
    private static Object[] list(ResultSet rs, int column) throws SQLException {
        return (Object[]) rs.getArray(column).getArray();
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** A sorted DuckDB list literal of strings. */
    private static String sqlList(List<String> values) {
        return values.stream().sorted().map(v -> "'" + sqlString(v) + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private static String sqlString(String s) {
        return s.replace("'", "''");
    }

    @Override
    public void close() throws SQLException {
        duckdb.close();
    }
}
