package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.PriceRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem.WriteMode;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which columns the sink's writer dictionary-encodes, read back from the file's metadata with DuckDB.
 * Files of a few rows would not show it: Parquet drops a dictionary that does not pay for itself.
 */
class ParquetEncodingTest {

    private static final int ROWS = 2_000;

    @TempDir
    Path dir;

    @Test
    void repeatingPricesAndStringsUseADictionaryAndOtherNumbersArePlain() throws Exception {
        Path prices = write(RowKinds.PRICES, "prices.parquet", i -> new PriceRow(
                1_000L + i, 1_000L + i, "BTCUSDT", 60_000 + i % 3, 0.5, i, i % 5, 10.0 + i));
        Path cvd = write(RowKinds.CVD, "cvd.parquet", i -> new CvdRow(
                1_000L + i, "BTCUSDT", i, i * 0.5, 0.5, Math.sin(i), Math.cos(i), 1.0 + i, 0.1, false, "normal"));

        Map<String, String> encodings = encodings(prices);
        encodings.putAll(encodings(cvd));

        for (String dictionary : new String[] {"price", "latency_ms", "symbol", "regime"}) {
            assertThat(encodings.get(dictionary)).as(dictionary).contains("DICTIONARY");
        }
        for (String plain : new String[] {"ts_ms", "agg_trade_id", "recv_rate_tps", "z_raw", "z_cvd", "scale"}) {
            assertThat(encodings.get(plain)).as(plain).isNotNull().doesNotContain("DICTIONARY");
        }
    }

    private interface RowMaker<T> {
        T row(int i);
    }

    private <T> Path write(ParquetRowKind<T> kind, String name, RowMaker<T> rows) throws Exception {
        Path file = dir.resolve(name);
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), WriteMode.NO_OVERWRITE)) {
            BulkWriter<T> writer = ParquetSinks.writerFactory(kind, Map.of()).create(out);
            for (int i = 0; i < ROWS; i++) {
                writer.addElement(rows.row(i));
            }
            writer.finish();
        }
        return file;
    }

    /** Column name → its encodings, as DuckDB lists them. */
    private static Map<String, String> encodings(Path file) throws Exception {
        Map<String, String> encodings = new HashMap<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT path_in_schema, encodings FROM parquet_metadata('" + file + "')")) {
            while (rs.next()) {
                encodings.put(rs.getString(1), rs.getString(2));
            }
        }
        return encodings;
    }
}
