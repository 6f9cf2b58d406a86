package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.PriceRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystem.WriteMode;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HourlyPublisherTest {

    private static final long HOUR_13 = Instant.parse("2024-08-08T13:00:00Z").toEpochMilli();
    private static final String FINGERPRINT = "0123456789abcdef";

    @TempDir
    Path out;

    @Test
    void splitsStagedFilesBySymbolIntoOneFilePerHourAndDeletesThem() throws Exception {
        HourlyPublisher publisher = publisher();
        stage("2024-08-08", "13", "part-a-0", trades(1, 3, "BTCUSDT"), trades(101, 2, "ETHUSDT"));

        HourlyPublisher.Published published = publisher.publish(false);

        assertThat(published).isEqualTo(new HourlyPublisher.Published(1, 5, 2, 0));
        assertThat(ids("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-13-" + FINGERPRINT + ".parquet"))
                .containsExactly(1L, 2L, 3L);
        assertThat(ids("date=2024-08-08/symbol=ETHUSDT/kind=prices/part-13-" + FINGERPRINT + ".parquet"))
                .containsExactly(101L, 102L);
        assertThat(stagedFiles()).isEmpty();
        assertThat(publisher.waiting()).isZero();
    }

    @Test
    void theWritersInProgressFilesAreLeftAlone() throws Exception {
        HourlyPublisher publisher = publisher();
        Path staged = stage("2024-08-08", "13", "part-a-0", trades(1, 1, "BTCUSDT"));
        Path inProgress = Files.copy(staged, staged.resolveSibling(".part-a-1.staged.inprogress.0f3c"));

        assertThat(publisher.publish(false).stagedFiles()).isOne();

        assertThat(inProgress).exists();
        assertThat(ids("date=2024-08-08/symbol=BTCUSDT/kind=prices/*.parquet")).containsExactly(1L);
    }

    @Test
    void laterFilesAreAppendedInTheOrderTheyWereWrittenWithTheFooterOfTheKind() throws Exception {
        HourlyPublisher publisher = publisher();
        stage("2024-08-08", "13", "part-a-0", trades(1, 2, "BTCUSDT"));
        publisher.publish(false);
        stage("2024-08-08", "13", "part-a-1", trades(3, 2, "BTCUSDT"));
        stage("2024-08-08", "13", "part-a-2", trades(5, 1, "BTCUSDT"));

        publisher.publish(false);

        Path hour = out.resolve("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-13-" + FINGERPRINT + ".parquet");
        assertThat(ids(hour.toString().substring(out.toString().length() + 1))).containsExactly(1L, 2L, 3L, 4L, 5L);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(hour))) {
            Map<String, String> footer = reader.getFooter().getFileMetaData().getKeyValueMetaData();
            assertThat(footer).containsEntry(ParquetSinks.KIND_KEY, "prices")
                    .containsEntry(ParquetSinks.FINGERPRINT_KEY, FINGERPRINT)
                    .containsEntry(HourlyPublisher.INCLUDED_KEY, "part-a-2.staged"); // the others are gone
            assertThat(reader.getRowGroups()).hasSize(3);
        }
    }

    @Test
    void aPublishCutShortIsFinishedWithoutRepeatingARow() throws Exception {
        HourlyPublisher publisher = publisher();
        Path staged = stage("2024-08-08", "13", "part-a-0", trades(1, 2, "BTCUSDT"), trades(101, 1, "ETHUSDT"));
        Path copy = Files.copy(staged, out.resolve("kept"));
        publisher.publish(false);
        // As if the publisher had died after writing the hour files but before deleting the staged file.
        Files.move(copy, staged);

        HourlyPublisher.Published again = publisher.publish(false);

        assertThat(again.rows()).isZero();
        assertThat(stagedFiles()).isEmpty();
        assertThat(ids("date=2024-08-08/symbol=BTCUSDT/kind=prices/*.parquet")).containsExactly(1L, 2L);
        assertThat(ids("date=2024-08-08/symbol=ETHUSDT/kind=prices/*.parquet")).containsExactly(101L);
    }

    @Test
    void anHourIsSealedInOneRowGroupOnceTheStagedDataHasMovedPastIt() throws Exception {
        HourlyPublisher publisher = publisher();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stage("2024-08-08", "13", "part-a-" + i, trades(i * 10L, 2, "BTCUSDT"));
            expected.add(i * 10L);
            expected.add(i * 10L + 1);
            publisher.publish(false);
        }
        Path hour13 = out.resolve("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-13-" + FINGERPRINT + ".parquet");
        assertThat(rowGroups(hour13)).isEqualTo(5);
        long appended = Files.size(hour13);

        stage("2024-08-08", "14", "part-a-5", trades(100, 1, "BTCUSDT"));
        HourlyPublisher.Published published = publisher.publish(false);

        assertThat(published.sealed()).isOne();
        assertThat(rowGroups(hour13)).isOne();
        assertThat(Files.size(hour13)).isLessThan(appended);
        assertThat(ids("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-13-*.parquet")).containsExactlyElementsOf(expected);
        Path hour14 = out.resolve("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-14-" + FINGERPRINT + ".parquet");
        stage("2024-08-08", "14", "part-a-6", trades(101, 1, "BTCUSDT"));
        assertThat(publisher.publish(true).sealed()).isOne();
        assertThat(rowGroups(hour14)).isOne();
        assertThat(ids("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-14-*.parquet")).containsExactly(100L, 101L);
    }

    @Test
    void aPublisherInANewProcessSealsTheHoursTheLastOneLeft() throws Exception {
        stage("2024-08-08", "13", "part-a-0", trades(1, 2, "BTCUSDT"));
        publisher().publish(false);
        stage("2024-08-08", "13", "part-a-1", trades(3, 1, "BTCUSDT"));
        publisher().publish(false);
        Path hour13 = out.resolve("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-13-" + FINGERPRINT + ".parquet");
        assertThat(rowGroups(hour13)).isEqualTo(2);

        // The job restarted (a crash, or a savepoint an hour later): a publisher with nothing in memory.
        stage("2024-08-08", "14", "part-b-0", trades(4, 1, "BTCUSDT"));
        HourlyPublisher.Published published = publisher().publish(false);

        assertThat(published.sealed()).isOne();
        assertThat(rowGroups(hour13)).isOne();
        assertThat(ids("date=2024-08-08/symbol=BTCUSDT/kind=prices/part-13-*.parquet")).containsExactly(1L, 2L, 3L);
        Path unsealedList = HourlyPublisher.stagingDir(out, "prices").resolve(HourlyPublisher.UNSEALED_FILE);
        assertThat(Files.readString(unsealedList))
                .isEqualTo("date=2024-08-08/hour=14\tdate=2024-08-08/symbol=BTCUSDT/kind=prices/part-14-" + FINGERPRINT
                        + ".parquet\n");

        assertThat(publisher().publish(true).sealed()).isZero(); // hour 14 has one row group already
        assertThat(unsealedList).doesNotExist();
    }

    @Test
    void sealingSpendsItsBudgetThenLeavesTheRestToTheNextPublishes() throws Exception {
        HourlyPublisher publisher = new HourlyPublisher(out, RowKinds.PRICES, Duration.ZERO);
        List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
        for (int i = 0; i < 2; i++) {
            stage("2024-08-08", "13", "part-a-" + i, trades(10L * i, 1, symbols.get(0)), trades(10L * i + 1, 1,
                    symbols.get(1)), trades(10L * i + 2, 1, symbols.get(2)));
            publisher.publish(false);
        }
        stage("2024-08-08", "14", "part-a-2", trades(100, 1, "BTCUSDT"));

        assertThat(publisher.publish(false).sealed()).as("one file per publish, at least").isOne();
        assertThat(publisher.publish(false).sealed()).as("without staged files too").isOne();
        assertThat(publisher.publish(false).sealed()).isOne();
        assertThat(publisher.publish(false).sealed()).isZero();

        for (String symbol : symbols) {
            assertThat(rowGroups(out.resolve("date=2024-08-08/symbol=" + symbol + "/kind=prices/part-13-" + FINGERPRINT
                    + ".parquet"))).isOne();
        }
        assertThat(ids("date=2024-08-08/symbol=*/kind=prices/part-13-*.parquet")).containsExactlyInAnyOrder(
                0L, 1L, 2L, 10L, 11L, 12L);
        assertThat(Files.readString(HourlyPublisher.stagingDir(out, "prices").resolve(HourlyPublisher.UNSEALED_FILE)))
                .doesNotContain("hour=13");
    }

    private static int rowGroups(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRowGroups().size();
        }
    }

    @Test
    void hoursAndConfigurationsGetFilesOfTheirOwn() throws Exception {
        HourlyPublisher publisher = publisher();
        stage("2024-08-08", "13", "part-a-0", trades(1, 1, "BTCUSDT"));
        stage("2024-08-08", "14", "part-a-1", trades(2, 1, "BTCUSDT"));
        stage("2024-08-08", "14", "part-b-0", "fedcba9876543210", trades(3, 1, "BTCUSDT"));

        publisher.publish(false);

        try (Stream<Path> files = Files.list(out.resolve("date=2024-08-08/symbol=BTCUSDT/kind=prices"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
                    "part-13-" + FINGERPRINT + ".parquet", "part-14-" + FINGERPRINT + ".parquet",
                    "part-14-fedcba9876543210.parquet");
        }
    }

    /** The promise to readers: at no instant a row seen twice, nor a row once seen missing. */
    @Test
    void aDuckDbReaderNeverSeesARowTwiceNorLosesOneItSaw() throws Exception {
        HourlyPublisher publisher = publisher();
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            int reads = 0;
            Set<Long> seen = new HashSet<>();
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
                while (!done.get() || reads < 5) {
                    List<Long> visible = queryIds(duckdb, out + "/date=*/symbol=*/kind=prices/*.parquet");
                    assertThat(new HashSet<>(visible)).as("no row twice").hasSameSizeAs(visible).containsAll(seen);
                    seen.addAll(visible);
                    reads++;
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return reads;
        });
        long id = 0;
        for (int i = 0; i < 40; i++) {
            stage("2024-08-08", "13", "part-a-" + i, trades(id, 50, "BTCUSDT"), trades(100_000 + id, 50, "ETHUSDT"));
            id += 50;
            publisher.publish(false);
        }
        done.set(true);

        assertThat(reader.get()).isGreaterThanOrEqualTo(5);
        assertThat(ids("date=*/symbol=*/kind=prices/*.parquet")).hasSize(4000).doesNotHaveDuplicates();
    }

    private HourlyPublisher publisher() {
        return new HourlyPublisher(out, RowKinds.PRICES);
    }

    @SafeVarargs
    private Path stage(String date, String hour, String name, List<PriceRow>... rows) throws Exception {
        return stage(date, hour, name, FINGERPRINT, rows);
    }

    @SafeVarargs
    private Path stage(String date, String hour, String name, String fingerprint, List<PriceRow>... rows)
            throws Exception {
        return stage(out, date, hour, name, fingerprint, rows);
    }

    /** Writes and commits a staged file of prices under {@code out}, as the FileSink does. */
    @SafeVarargs
    static Path stage(Path out, String date, String hour, String name, String fingerprint, List<PriceRow>... rows)
            throws Exception {
        Path dir = HourlyPublisher.stagingDir(out, "prices").resolve("date=" + date).resolve("hour=" + hour);
        Files.createDirectories(dir);
        Path file = dir.resolve(name + HourlyPublisher.STAGED_SUFFIX);
        Path writing = dir.resolve("." + name + ".inprogress");
        try (FSDataOutputStream stream = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(writing.toUri()), WriteMode.NO_OVERWRITE)) {
            BulkWriter<PriceRow> writer = ParquetSinks.writerFactory(RowKinds.PRICES, fingerprint, Map.of()).create(stream);
            for (List<PriceRow> symbolRows : rows) {
                for (PriceRow row : symbolRows) {
                    writer.addElement(row);
                }
            }
            writer.finish();
        }
        // Committed the way FileSink commits: an atomic rename of the finished file.
        return Files.move(writing, file);
    }

    static List<PriceRow> trades(long firstId, int count, String symbol) {
        List<PriceRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = firstId + i;
            rows.add(new PriceRow(HOUR_13 + id, HOUR_13 + id, symbol, 100 + i, 1, id, 0, 0));
        }
        return rows;
    }

    private List<Path> stagedFiles() throws Exception {
        try (Stream<Path> files = Files.walk(out.resolve(HourlyPublisher.STAGING_DIR))) {
            return files.filter(file -> HourlyPublisher.isStaged(file.getFileName().toString())).toList();
        }
    }

    private List<Long> ids(String glob) throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            return queryIds(duckdb, out + "/" + glob);
        }
    }

    private static List<Long> queryIds(Connection duckdb, String glob) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery("SELECT agg_trade_id FROM read_parquet('" + glob
                        + "', hive_partitioning = true)")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } catch (java.sql.SQLException e) {
            if (e.getMessage().contains("No files found")) {
                return ids;
            }
            throw e;
        }
        return ids;
    }
}
