package io.orderflow.testkit;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Parquet harvest back the way its users do: DuckDB over
 * {@code read_parquet('dir/**}{@code /*.parquet', hive_partitioning = true)}, independent of the
 * library that wrote it.
 */
public final class Harvest implements AutoCloseable {

    private final Path dir;
    private final Connection duckdb;

    public Harvest(Path dir) throws SQLException {
        this.dir = dir;
        this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    public List<PriceRow> prices() throws Exception {
        return read("prices",
                "epoch_ms(ts_ms), epoch_ms(event_ts_ms), symbol, price, qty, agg_trade_id, latency_ms, recv_rate_tps",
                rs -> new PriceRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8)));
    }

    public List<OfiRow> ofi() throws Exception {
        return read("ofi",
                "epoch_ms(ts_ms), symbol, ofi_value, ofi_z, scale, regime, ofi_ema, warmup, std_zero, best_bid,"
                        + " best_ask, ofi_l1",
                rs -> new OfiRow(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getString(6), rs.getDouble(7), rs.getBoolean(8), rs.getBoolean(9),
                        rs.getDouble(10), rs.getDouble(11), rs.getDouble(12)));
    }

    public List<CvdRow> cvd() throws Exception {
        return read("cvd",
                "epoch_ms(ts_ms), symbol, agg_trade_id, cvd, delta, z_raw, z_cvd, scale, sigma_floor, floor_used,"
                        + " regime",
                rs -> new CvdRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getBoolean(10),
                        rs.getString(11)));
    }

    public List<KlineRow> klines() throws Exception {
        return read("klines",
                "epoch_ms(ts_ms), symbol, timeframe, open, high, low, close, volume, quote_volume,"
                        + " taker_buy_volume, trade_count, vwap",
                rs -> new KlineRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9),
                        rs.getDouble(10), rs.getLong(11), rs.getDouble(12)));
    }

    public List<FusionRow> fusion() throws Exception {
        return read("fusion",
                "epoch_ms(ts_ms), symbol, score, score_z, ofi_z, z_cvd, epoch_ms(ofi_ts_ms), epoch_ms(cvd_ts_ms),"
                        + " regime, warmup",
                rs -> new FusionRow(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getLong(7), rs.getLong(8), rs.getString(9),
                        rs.getBoolean(10)));
    }

    public List<MarketNotice> events() throws Exception {
        return read("events", "symbol, epoch_ms(ts_ms), event_type, meta_json",
                rs -> new MarketNotice(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
    }

    /** The partition directories holding committed files, relative to the harvest root. */
    public List<String> partitions() throws IOException {
        return files().stream()
                .filter(Harvest::isCommittedPart)
                .map(p -> dir.relativize(p.getParent()).toString())
                .distinct()
                .sorted()
                .toList();
    }

    /** Committed Parquet files. */
    public long committedFiles() throws IOException {
        return files().stream().filter(Harvest::isCommittedPart).count();
    }

    /** Files the sink has not committed: hidden, named {@code .part-…inprogress…}. */
    public long inProgressFiles() throws IOException {
        return files().stream().filter(p -> p.getFileName().toString().contains(".inprogress")).count();
    }

    /**
     * Every file under the harvest root, none if there is no root yet. A running job renames and
     * deletes files meanwhile: a file gone by the time it is visited is skipped, not an error.
     */
    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                files.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return files;
    }

    /** Any SQL over the harvest; {@code FILES} in the query stands for the glob of all files. */
    public <T> List<T> query(String sql, RowMapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery(sql.replace("FILES", "'" + dir + "/**/*.parquet'"))) {
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
        }
        return rows;
    }

    private <T> List<T> read(String kind, String columns, RowMapper<T> mapper) throws Exception {
        if (!partitions().stream().anyMatch(p -> p.endsWith("kind=" + kind))) {
            return List.of();
        }
        return query("SELECT " + columns + " FROM read_parquet('" + dir + "/**/kind=" + kind
                + "/*.parquet', hive_partitioning = true)", mapper);
    }

    private static boolean isCommittedPart(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith("part-") && name.endsWith(".parquet");
    }

    @Override
    public void close() throws SQLException {
        duckdb.close();
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
