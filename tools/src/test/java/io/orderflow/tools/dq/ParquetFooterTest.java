package io.orderflow.tools.dq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The footer reader over files another writer (DuckDB) wrote, in shapes the harvest's own files do
 * not take: wider schemas, other key-value pairs, a damaged footer. DqCommandTest reads the job's.
 */
class ParquetFooterTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRowsTheKeyValuesAndTheSchema() throws Exception {
        // Twenty columns: more elements than a compact list header counts, so the count follows it.
        Path wide = write("wide.parquet", 20, 3, "{'orderflow.source': 'replay', 'note': 'é'}");
        Path alike = write("alike.parquet", 20, 5, null);
        Path narrow = write("narrow.parquet", 2, 1, null);

        Map<Path, ParquetFooter> footers = ParquetFooter.readAll(List.of(wide, alike, narrow));

        assertThat(footers.get(wide).rows()).isEqualTo(3);
        assertThat(footers.get(alike).rows()).isEqualTo(5);
        assertThat(footers.get(wide).keyValues()).containsEntry("orderflow.source", "replay").containsEntry("note", "é");
        assertThat(footers.get(alike).schema()).isEqualTo(footers.get(wide).schema());
        assertThat(footers.get(narrow).schema()).isNotEqualTo(footers.get(wide).schema());
    }

    @Test
    void aDamagedFooterIsAnIoErrorNamingTheFile() throws Exception {
        Path file = write("damaged.parquet", 3, 2, null);
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 4, bytes.length - 8, (byte) 0xff); // all but the magic, and the footer's length and magic
        Files.write(file, bytes);

        assertThatThrownBy(() -> ParquetFooter.readAll(List.of(file)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void aFileWithoutTheMagicIsNotParquet() throws Exception {
        Path file = dir.resolve("text.parquet");
        Files.writeString(file, "not parquet, not at all");

        assertThatThrownBy(() -> ParquetFooter.readAll(List.of(file)))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": not a Parquet file (no footer ending in PAR1)");
    }

    /** A file of {@code columns} BIGINT columns and {@code rows} rows, with these key-value pairs (a struct literal) if any. */
    private Path write(String name, int columns, int rows, String keyValues) throws SQLException {
        Path file = dir.resolve(name);
        String select = IntStream.range(0, columns).mapToObj(c -> "i + " + c + " AS c" + c).collect(Collectors.joining(", "));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duckdb.createStatement()) {
            sql.execute("COPY (SELECT " + select + " FROM range(" + rows + ") AS t(i)) TO '" + file
                    + "' (FORMAT parquet" + (keyValues == null ? "" : ", KV_METADATA " + keyValues) + ")");
        }
        return file;
    }
}
