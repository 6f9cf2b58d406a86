package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.testing.TestEnvironments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the three sinks on a MiniCluster and reads the result with DuckDB, an independent reader and
 * the one users open the harvest with.
 */
class ParquetSinksIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final String FINGERPRINT = "sha256:0123abcd";
    private static final Map<String, String> EXTRA_FOOTER = Map.of("orderflow.version", "0.1.0-test");

    private static final long LAST_MS_OF_AUG_8 = Instant.parse("2024-08-08T23:59:59.999Z").toEpochMilli();
    private static final long FIRST_MS_OF_AUG_9 = Instant.parse("2024-08-09T00:00:00.000Z").toEpochMilli();

    private static final List<PriceRow> PRICES = List.of(
            new PriceRow(LAST_MS_OF_AUG_8, LAST_MS_OF_AUG_8 + 3, "BTCUSDT", 60123.5, 0.012, 1_000_001L, 42L, 12.5),
            new PriceRow(FIRST_MS_OF_AUG_9, FIRST_MS_OF_AUG_9 + 1, "BTCUSDT", 60124.0, 1.5, 1_000_002L, 7L, 13.25),
            new PriceRow(FIRST_MS_OF_AUG_9 + 500, FIRST_MS_OF_AUG_9 + 502, "ETHUSDT", 2650.25, 3.0, 77L, -2L, 0.5));

    private static final List<OfiRow> OFI = List.of(
            new OfiRow(LAST_MS_OF_AUG_8, "BTCUSDT", -0.75, -1.5, 1.0, null, -0.1, true, false, 60000.5, 60001.0,
                    -0.75),
            new OfiRow(FIRST_MS_OF_AUG_9, "BTCUSDT", 0.5, 0.0, 1.0, "normal", 0.2, false, true, Double.NaN, 60001.5,
                    0.5),
            new OfiRow(FIRST_MS_OF_AUG_9 + 100, "ETHUSDT", 12.125, 3.75, 2.5, "active", 4.0, false, false, 2500.25,
                    Double.NaN, 30.0));

    private static final List<CvdRow> CVD = List.of(
            new CvdRow(LAST_MS_OF_AUG_8, "BTCUSDT", 1_000_001L, 10.5, -0.5, -0.25, -0.25, 2.0, 0.1, false, "quiet"),
            new CvdRow(FIRST_MS_OF_AUG_9, "BTCUSDT", 1_000_002L, 12.0, 1.5, 5.5, 4.0, 0.1, 0.1, true, null),
            new CvdRow(FIRST_MS_OF_AUG_9 + 7, "ETHUSDT", 77L, -3.0, -3.0, -1.0, -1.0, 3.0, 0.1, false, "normal"));

    @TempDir
    static Path out;

    private static Connection duckdb;

    @BeforeAll
    static void writeAllKindsThroughFlink() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // Bulk formats publish files only on checkpoints; the final one at end of input commits the rest.
        env.enableCheckpointing(100);
        String baseUri = out.toUri().toString(); // the file:/// form; a plain path is the other accepted form

        env.fromData(PRICES, TypeInformation.of(PriceRow.class))
                .sinkTo(ParquetSinks.forKind(RowKinds.PRICES, baseUri, FINGERPRINT, EXTRA_FOOTER));
        env.fromData(OFI, TypeInformation.of(OfiRow.class))
                .sinkTo(ParquetSinks.forKind(RowKinds.OFI, baseUri, FINGERPRINT, EXTRA_FOOTER));
        env.fromData(CVD, TypeInformation.of(CvdRow.class))
                .sinkTo(ParquetSinks.forKind(RowKinds.CVD, baseUri, FINGERPRINT, EXTRA_FOOTER));
        env.execute("parquet-sinks-it");

        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void closeDuckDb() throws SQLException {
        if (duckdb != null) {
            duckdb.close();
        }
    }

    @Test
    void partitionDirectoriesAreExactlyTheExpectedOnes() throws Exception {
        Set<String> partitions;
        try (Stream<Path> files = Files.walk(out)) {
            partitions = files.filter(Files::isRegularFile)
                    .filter(file -> !out.relativize(file).startsWith(HourlyPublisher.STAGING_DIR))
                    .map(file -> out.relativize(file.getParent()).toString())
                    .collect(Collectors.toSet());
        }

        assertThat(partitions).containsExactlyInAnyOrder(
                "date=2024-08-08/symbol=BTCUSDT/kind=prices",
                "date=2024-08-09/symbol=BTCUSDT/kind=prices",
                "date=2024-08-09/symbol=ETHUSDT/kind=prices",
                "date=2024-08-08/symbol=BTCUSDT/kind=ofi",
                "date=2024-08-09/symbol=BTCUSDT/kind=ofi",
                "date=2024-08-09/symbol=ETHUSDT/kind=ofi",
                "date=2024-08-08/symbol=BTCUSDT/kind=cvd",
                "date=2024-08-09/symbol=BTCUSDT/kind=cvd",
                "date=2024-08-09/symbol=ETHUSDT/kind=cvd");
    }

    @Test
    void onlyPublishedHourFilesRemainAndNothingWaitsInStaging() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).map(out::relativize).toList();
        }

        // In-progress and staged files are ".part-...inprogress.<uuid>", "part-<uuid>-<n>.staged".
        assertThat(files).filteredOn(file -> file.startsWith(HourlyPublisher.STAGING_DIR))
                .allMatch(file -> file.getFileName().toString().equals(".publish.lock"), "only the publishers' locks");
        assertThat(files).filteredOn(file -> !file.startsWith(HourlyPublisher.STAGING_DIR)).isNotEmpty()
                .allMatch(file -> file.getFileName().toString().matches("part-\\d\\d-sha2560123abcd\\.parquet"), "hour files");
    }

    @Test
    void columnsAndTypesAreTheContract() throws Exception {
        assertThat(describe("prices")).containsExactly(
                "ts_ms TIMESTAMP WITH TIME ZONE",
                "event_ts_ms TIMESTAMP WITH TIME ZONE",
                "symbol VARCHAR",
                "price DOUBLE",
                "qty DOUBLE",
                "agg_trade_id BIGINT",
                "latency_ms BIGINT",
                "recv_rate_tps DOUBLE");
        assertThat(describe("ofi")).containsExactly(
                "ts_ms TIMESTAMP WITH TIME ZONE",
                "symbol VARCHAR",
                "ofi_value DOUBLE",
                "ofi_z DOUBLE",
                "scale DOUBLE",
                "regime VARCHAR",
                "ofi_ema DOUBLE",
                "warmup BOOLEAN",
                "std_zero BOOLEAN",
                "best_bid DOUBLE",
                "best_ask DOUBLE",
                "ofi_l1 DOUBLE");
        assertThat(describe("cvd")).containsExactly(
                "ts_ms TIMESTAMP WITH TIME ZONE",
                "symbol VARCHAR",
                "agg_trade_id BIGINT",
                "cvd DOUBLE",
                "delta DOUBLE",
                "z_raw DOUBLE",
                "z_cvd DOUBLE",
                "scale DOUBLE",
                "sigma_floor DOUBLE",
                "floor_used BOOLEAN",
                "regime VARCHAR");
    }

    @Test
    void onlyRegimeIsOptional() throws Exception {
        List<String> optional = query(
                "SELECT DISTINCT name FROM parquet_schema('" + allFiles() + "')"
                        + " WHERE repetition_type = 'OPTIONAL' AND num_children IS NULL",
                rs -> rs.getString(1));

        assertThat(optional).containsExactly("regime");
    }

    @Test
    void pricesReadBackExactly() throws Exception {
        List<PriceRow> rows = readWithPartitions("prices",
                "epoch_ms(ts_ms), epoch_ms(event_ts_ms), symbol, price, qty, agg_trade_id, latency_ms, recv_rate_tps",
                rs -> new PriceRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getLong(6), rs.getLong(7), rs.getDouble(8)));

        assertThat(rows).containsExactlyInAnyOrderElementsOf(PRICES);
    }

    @Test
    void ofiReadsBackExactlyWithANullRegimeAndNaNBestPrices() throws Exception {
        List<OfiRow> rows = readWithPartitions("ofi",
                "epoch_ms(ts_ms), symbol, ofi_value, ofi_z, scale, regime, ofi_ema, warmup, std_zero, best_bid, best_ask,"
                        + " ofi_l1",
                rs -> new OfiRow(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getString(6), rs.getDouble(7), rs.getBoolean(8), rs.getBoolean(9), rs.getDouble(10),
                        rs.getDouble(11), rs.getDouble(12)));

        assertThat(rows).containsExactlyInAnyOrderElementsOf(OFI);
    }

    @Test
    void cvdReadsBackExactlyWithANullRegime() throws Exception {
        List<CvdRow> rows = readWithPartitions("cvd",
                "epoch_ms(ts_ms), symbol, agg_trade_id, cvd, delta, z_raw, z_cvd, scale, sigma_floor, floor_used,"
                        + " regime",
                rs -> new CvdRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getBoolean(10),
                        rs.getString(11)));

        assertThat(rows).containsExactlyInAnyOrderElementsOf(CVD);
    }

    @Test
    void filesAreSnappyCompressed() throws Exception {
        List<String> codecs = query(
                "SELECT DISTINCT compression FROM parquet_metadata('" + allFiles() + "')", rs -> rs.getString(1));

        assertThat(codecs).containsExactly("SNAPPY");
    }

    @Test
    void everyFooterCarriesFingerprintKindAndExtras() throws Exception {
        Map<String, Map<String, String>> footers = new HashMap<>();
        query("SELECT file_name, decode(key), decode(value) FROM parquet_kv_metadata('" + allFiles() + "')", rs -> {
            footers.computeIfAbsent(rs.getString(1), file -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
            return null;
        });
        long files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> !out.relativize(file).startsWith(HourlyPublisher.STAGING_DIR))
                    .count();
        }

        assertThat(footers).hasSize((int) files);
        footers.forEach((file, footer) -> assertThat(footer)
                .as(file)
                .containsEntry(ParquetSinks.FINGERPRINT_KEY, FINGERPRINT)
                .containsEntry(ParquetSinks.KIND_KEY, file.replaceAll(".*/kind=([a-z]+)/.*", "$1"))
                .containsEntry("orderflow.version", "0.1.0-test"));
    }

    /** Reads one kind with hive partitioning, checking the partition columns agree with each row. */
    private static <T> List<T> readWithPartitions(String kind, String columns, RowMapper<T> mapper) throws Exception {
        return query(
                "SELECT " + columns + ", epoch_ms(ts_ms) AS ts, CAST(date AS VARCHAR) AS date, kind"
                        + " FROM read_parquet('" + out + "/*/*/kind=" + kind + "/*.parquet', hive_partitioning = true)",
                rs -> {
                    String utcDate = Instant.ofEpochMilli(rs.getLong("ts")).atZone(ZoneOffset.UTC).toLocalDate().toString();
                    assertThat(rs.getString("date")).isEqualTo(utcDate);
                    assertThat(rs.getString("kind")).isEqualTo(kind);
                    return mapper.map(rs);
                });
    }

    /** The file schema alone (no partition columns), as "name TYPE" in column order. */
    private static List<String> describe(String kind) throws Exception {
        return query(
                "DESCRIBE SELECT * FROM read_parquet('" + out + "/*/*/kind=" + kind + "/*.parquet',"
                        + " hive_partitioning = false)",
                rs -> rs.getString("column_name") + " " + rs.getString("column_type"));
    }

    private static String allFiles() {
        return out + "/**/*.parquet";
    }

    private static <T> List<T> query(String sql, RowMapper<T> mapper) throws Exception {
        List<T> result = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                result.add(mapper.map(rs));
            }
        }
        return result;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
