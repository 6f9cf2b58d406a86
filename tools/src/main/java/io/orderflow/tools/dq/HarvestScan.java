package io.orderflow.tools.dq;

import static io.orderflow.job.sink.ParquetSinks.CONFIG_KEY;
import static io.orderflow.job.sink.ParquetSinks.FINGERPRINT_KEY;
import static io.orderflow.job.sink.ParquetSinks.SOURCE_KEY;

import io.orderflow.job.sink.ParquetRowKind;
import io.orderflow.job.sink.RowKinds;
import io.orderflow.tools.dq.DqOptions.Kind;
import io.orderflow.tools.dq.DqReport.Fingerprint;
import io.orderflow.tools.dq.DqReport.IdGap;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.parquet.schema.Type;
import org.duckdb.DuckDBConnection;

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
    private final String root;
    final Map<String, Figures> figures = new TreeMap<>();
    final List<Fingerprint> fingerprints = new ArrayList<>();
    final Set<String> cvdColumns = new HashSet<>();
    /** Preflight only: per kind, its committed files and those without the job's columns. */
    final Map<String, long[]> preflightFiles = new TreeMap<>();
    double winsorLimit;
    String winsorSource = "flag";

    HarvestScan(DqOptions options, HarvestFiles files) throws SQLException {
        this.options = options;
        this.files = files;
        this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
        this.root = sqlString(options.data().toString());
        this.winsorLimit = options.winsorLimit();
        figures.put(OVERALL, new Figures());
        List<String> symbols = options.symbols().isEmpty() ? List.copyOf(files.symbols()) : options.symbols();
        symbols.forEach(symbol -> figures.put(symbol, new Figures()));
    }

    void run() throws SQLException {
        // Every query reads the footers again otherwise; a harvest has a file per kind, symbol and checkpoint.
        execute("SET parquet_metadata_cache = true");
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
                            + files(kind.name()) + ") WHERE num_children IS NULL GROUP BY file_name)",
                    rs -> {
                        filesAndMisfits[0] = rs.getLong(1);
                        filesAndMisfits[1] = rs.getLong(2);
                    });
        }
    }

    /**
     * Rows per kind, configuration fingerprints, WINSOR_LIMIT and source, from the footers alone:
     * {@code parquet_file_metadata} and {@code parquet_kv_metadata} read no row.
     */
    private void footers() throws SQLException {
        Map<String, Long> rowsByFile = new TreeMap<>();
        Map<String, Map<String, String>> footerByFile = new TreeMap<>();
        // DuckDB reads footers one file after another: a connection per date and symbol reads them in parallel.
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String symbolDay : files.symbolDays()) {
                reads.add(pool.submit(() -> {
                    footers(filesOfDay(symbolDay), rowsByFile, footerByFile);
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while reading the footers", e);
        } finally {
            pool.shutdownNow();
        }

        Map<String, long[]> byFingerprint = new TreeMap<>();
        Map<String, Long> rowsByWinsor = new TreeMap<>();
        Path base = options.data();
        rowsByFile.forEach((file, rows) -> {
            HarvestFiles.Partition partition = HarvestFiles.Partition.of(base.relativize(Path.of(file)));
            if (partition == null || !partition.in(options) || !figures.containsKey(partition.symbol())) {
                return;
            }
            Map<String, String> footer = footerByFile.getOrDefault(file, Map.of());
            Figures symbol = figures.get(partition.symbol());
            symbol.rowsByKind.merge(partition.kind(), rows, Long::sum);
            String source = footer.get(SOURCE_KEY);
            if (source != null) {
                symbol.sourceRows.merge(source, rows, Long::sum);
            }
            String fingerprint = footer.get(FINGERPRINT_KEY);
            if (fingerprint != null) {
                long[] counts = byFingerprint.computeIfAbsent(fingerprint, f -> new long[2]);
                counts[0]++;
                counts[1] += rows;
            }
            Optional.ofNullable(footer.get(CONFIG_KEY)).map(WINSOR::matcher).filter(Matcher::find)
                    .ifPresent(m -> rowsByWinsor.merge(m.group(1), rows, Long::sum));
        });
        byFingerprint.forEach((fingerprint, counts) -> fingerprints.add(new Fingerprint(fingerprint, counts[0], counts[1])));
        // Several limits only happen with several fingerprints, which fail on their own: take the commonest.
        rowsByWinsor.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e -> {
            winsorLimit = Double.parseDouble(e.getKey());
            winsorSource = "footer";
        });
    }

    private void footers(String glob, Map<String, Long> rowsByFile, Map<String, Map<String, String>> footerByFile)
            throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Map<String, String>> footers = new TreeMap<>();
        try (Connection connection = duckdb.unwrap(DuckDBConnection.class).duplicate();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT file_name, decode(key), decode(value)"
                    + " FROM parquet_kv_metadata(" + glob + ") WHERE decode(key) IN"
                    + " ('" + FINGERPRINT_KEY + "', '" + CONFIG_KEY + "', '" + SOURCE_KEY + "')")) {
                while (rs.next()) {
                    footers.computeIfAbsent(rs.getString(1), f -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT file_name, num_rows FROM parquet_file_metadata(" + glob + ")")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        synchronized (rowsByFile) {
            rowsByFile.putAll(rows);
            footerByFile.putAll(footers);
        }
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
        String files = "read_parquet(" + files(kind) + ", hive_partitioning = true, union_by_name = true)";
        if (kind.equals("cvd")) {
            // Files written before a diagnostic column existed lack it; when no file has it, so does the table.
            columns += ", COLUMNS(c -> c IN ('z_raw', 'z_cvd', '" + String.join("', '", DIAGNOSTIC_COLUMNS) + "'))";
        }
        execute("CREATE TEMP TABLE \"" + kind + "\" AS SELECT " + columns + " FROM " + files + where());
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
        query("SELECT symbol, count(*), min(ts_ms), max(ts_ms),"
                + " count(DISTINCT agg_trade_id), min(agg_trade_id), max(agg_trade_id),"
                + " quantile_disc(latency_ms, [0.5, 0.9, 0.99]), max(latency_ms), min(latency_ms),"
                + " count(*) FILTER (WHERE latency_ms < " + -options.clockSkewMs() + "),"
                + " quantile_disc(abs(latency_ms), [0.5, 0.99])"
                + " FROM prices GROUP BY GROUPING SETS ((symbol), ())", rs -> {
                    Figures f = figuresOf(rs.getString(1));
                    f.priceRows = rs.getLong(2);
                    f.span(rs.getLong(3), rs.getLong(4));
                    f.distinctIds = rs.getLong(5);
                    f.minId = nullableLong(rs, 6);
                    f.maxId = nullableLong(rs, 7);
                    Object[] latency = list(rs, 8);
                    f.latencyP50 = (Long) latency[0];
                    f.latencyP90 = (Long) latency[1];
                    f.latencyP99 = (Long) latency[2];
                    f.latencyMax = nullableLong(rs, 9);
                    f.latencyMin = nullableLong(rs, 10);
                    f.skewedRows = rs.getLong(11);
                    Object[] drift = list(rs, 12);
                    f.driftP50 = (Long) drift[0];
                    f.driftP99 = (Long) drift[1];
                });
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
        all.distinctIds = 0; // ids are per symbol: their total row's count mixes symbols
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

    private String where() {
        List<String> conditions = new ArrayList<>();
        if (options.from() != null) {
            conditions.add("date >= DATE '" + options.from() + "'");
        }
        if (options.to() != null) {
            conditions.add("date <= DATE '" + options.to() + "'");
        }
        if (!options.symbols().isEmpty()) {
            conditions.add("symbol IN (" + String.join(", ",
                    options.symbols().stream().map(s -> "'" + sqlString(s) + "'").toList()) + ")");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
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

    /** The committed files of a kind, as DuckDB's table functions take them. */
    private String files(String kind) {
        return options.since() == null
                ? "'" + root + "/*/*/kind=" + kind + "/*.parquet'"
                : committedList(HarvestFiles.Partition::kind, kind);
    }

    /** The committed files of one {@code date=…/symbol=…}. */
    private String filesOfDay(String symbolDay) {
        return options.since() == null
                ? "'" + root + "/" + sqlString(symbolDay) + "/*/*.parquet'"
                : committedList(p -> "date=" + p.date() + "/symbol=" + p.symbol(), symbolDay);
    }

    /**
     * Since a time, the files are named one by one: no glob can say when a file was committed. Never
     * empty: a kind or day is only read when it has committed files.
     */
    private String committedList(Function<HarvestFiles.Partition, String> key, String value) {
        Path base = options.data();
        List<String> names = files.committed().stream()
                .filter(file -> value.equals(key.apply(HarvestFiles.Partition.of(base.relativize(file)))))
                .map(Path::toString)
                .toList();
        return sqlList(names);
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
