package io.orderflow.tools.bench;

import io.orderflow.core.model.PriceRow;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.HourlyPublisher;
import io.orderflow.job.sink.ParquetSinks;
import io.orderflow.job.sink.RowKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystem.WriteMode;

/**
 * Issue 17's file figures ({@code ./jobs/bench.sh files}, docs/performance.md): DuckDB reading one
 * symbol's UTC day of {@code prices} rows in the layout before the hourly publisher and in the one
 * the job writes now, side by side.
 *
 * <p>The same rows, one file's worth per minute (the harvest's checkpoint every 60 s), go to two
 * directories: BEFORE, one file per minute as the sink bucketed by symbol wrote them
 * ({@code part-<uuid>-<n>.parquet}); AFTER, one staged file per minute published at once by one
 * {@link HourlyPublisher}, as the sink's committer does after each checkpoint, and sealed at the end
 * of the input: exactly the job's hour files. Both with the sink's writer and the job's footer.
 *
 * <p>Each query runs on a fresh in-memory DuckDB (no metadata cache carried over), both layouts
 * alternately, after a warm-up; the files are in the page cache for both. The connection is opened
 * outside the timed part.
 *
 * <p>Usage: {@code FileLayoutBench [rows/s per symbol] [runs]}, by default 10 and 10.
 */
public final class FileLayoutBench {

    private static final String SYMBOL = "BTCUSDT";
    private static final LocalDate DAY = LocalDate.of(2024, 8, 8);
    private static final int MINUTES = 24 * 60;
    /** The hour the second query selects. */
    private static final int HOUR = 13;
    private static final int SYMBOLS_AT_SCALE = 500;

    private FileLayoutBench() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        OrderflowConfig config = OrderflowConfig.defaults();
        Map<String, String> footer = Map.of(
                ParquetSinks.CONFIG_KEY, config.toMap().toString(),
                ParquetSinks.SOURCE_KEY, config.source().name().toLowerCase(Locale.ROOT));
        Path root = Files.createTempDirectory("file-layout-bench");
        try {
            Path before = root.resolve("before");
            Path after = root.resolve("after");
            Day day = writeDay(rate, config.fingerprint(), footer, before, after);

            String dayGlob = "/date=" + DAY + "/symbol=" + SYMBOL + "/kind=prices/*.parquet";
            long hourStart = DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + HOUR * 3600L;
            String wholeDay = "SELECT count(*), sum(qty), epoch_ms(min(ts_ms)), epoch_ms(max(ts_ms))"
                    + " FROM read_parquet('%s" + dayGlob + "', hive_partitioning = true)";
            String oneHour = "SELECT count(*), sum(qty) FROM read_parquet('%s" + dayGlob + "', hive_partitioning = true)"
                    + " WHERE ts_ms >= to_timestamp(" + hourStart + ") AND ts_ms < to_timestamp(" + (hourStart + 3600) + ")";

            Layout beforeFiles = Layout.of(before.resolve("date=" + DAY).resolve("symbol=" + SYMBOL).resolve("kind=prices"));
            Layout afterFiles = Layout.of(after.resolve("date=" + DAY).resolve("symbol=" + SYMBOL).resolve("kind=prices"));
            System.out.printf(Locale.ROOT, "%s, %s prices, %,d rows/s: %,d rows in %d minute files%n",
                    DAY, SYMBOL, rate, day.rows, MINUTES);
            System.out.printf(Locale.ROOT, "before: %,d files, %,d bytes (written in %.1f s)%n",
                    beforeFiles.files, beforeFiles.bytes, day.writeBeforeNanos / 1e9);
            System.out.printf(Locale.ROOT, "after:  %,d files, %,d bytes (staged files written in %.1f s)%n",
                    afterFiles.files, afterFiles.bytes, day.writeStagedNanos / 1e9);
            // An append copies the hour file so far: the last minute of an hour is the dearest one that does not seal.
            long[] lastMinutes = new long[24];
            for (int hour = 0; hour < 24; hour++) {
                lastMinutes[hour] = day.publishNanos[hour * 60 + 59];
            }
            System.out.printf(Locale.ROOT, "publish: %d x publish(false) %.1f s in all, per publish median %.1f ms,"
                            + " max %.1f ms; an hour's last minute: median %.1f ms; the first of the next, which seals"
                            + " the hour: median %.1f ms; publish(true) %.1f ms%n",
                    day.publishNanos.length, sum(day.publishNanos) / 1e9, median(day.publishNanos) / 1e6,
                    max(day.publishNanos) / 1e6, median(lastMinutes) / 1e6, median(day.sealingPublishNanos) / 1e6,
                    day.finalPublishNanos / 1e6);
            System.out.printf(Locale.ROOT, "at %d symbols, per kind: before %,d files an hour, %,d a day;"
                            + " after %,d an hour, %,d a day%n",
                    SYMBOLS_AT_SCALE, SYMBOLS_AT_SCALE * beforeFiles.files / 24, SYMBOLS_AT_SCALE * beforeFiles.files,
                    SYMBOLS_AT_SCALE * afterFiles.files / 24, SYMBOLS_AT_SCALE * afterFiles.files);

            Row whole = compare("whole day", wholeDay, before, after, runs);
            if (whole.count != day.rows || whole.minTs != day.firstTs || whole.maxTs != day.lastTs) {
                throw new IllegalStateException("DuckDB read " + whole + " of " + day.rows + " rows from "
                        + day.firstTs + " to " + day.lastTs);
            }
            Row hour = compare("hour " + HOUR, oneHour, before, after, runs);
            if (hour.count != day.rowsPerHour[HOUR]) {
                throw new IllegalStateException("DuckDB read " + hour.count + " rows of hour " + HOUR + ", not "
                        + day.rowsPerHour[HOUR]);
            }
        } finally {
            deleteAll(root);
        }
    }

    /** What was written: the rows, their time range, and what writing and publishing took. */
    private record Day(long rows, long firstTs, long lastTs, long[] rowsPerHour, long writeBeforeNanos,
            long writeStagedNanos, long[] publishNanos, long[] sealingPublishNanos, long finalPublishNanos) {}

    private static Day writeDay(int rate, String fingerprint, Map<String, String> footer, Path before, Path after)
            throws IOException {
        Random random = new Random(17);
        String writer = UUID.randomUUID().toString();
        Path beforeDir = Files.createDirectories(
                before.resolve("date=" + DAY).resolve("symbol=" + SYMBOL).resolve("kind=prices"));
        HourlyPublisher publisher = new HourlyPublisher(after, RowKinds.PRICES);
        long dayStart = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long[] rowsPerHour = new long[24];
        long[] publishNanos = new long[MINUTES];
        long[] sealingPublishNanos = new long[23];
        long writeBeforeNanos = 0;
        long writeStagedNanos = 0;
        long rows = 0;
        long firstTs = Long.MAX_VALUE;
        long lastTs = Long.MIN_VALUE;
        double price = 60_000;
        long tradeId = 1_000_000_000L;
        for (int minute = 0; minute < MINUTES; minute++) {
            // Trades at uniformly random instants of the minute: about rate a second.
            long[] offsets = new long[rate * 60];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = random.nextInt(60_000);
            }
            Arrays.sort(offsets);
            List<PriceRow> minuteRows = new ArrayList<>(offsets.length);
            for (long offset : offsets) {
                long ts = dayStart + minute * 60_000L + offset;
                price = Math.max(1, Math.round((price + random.nextGaussian() * 2) * 10) / 10.0);
                double qty = Math.max(1, Math.round(Math.exp(random.nextGaussian() * 1.5) * 20)) / 1000.0;
                long latency = 20 + random.nextInt(60);
                minuteRows.add(new PriceRow(ts, ts + random.nextInt(3), SYMBOL, price, qty, tradeId++, latency,
                        rate + random.nextGaussian()));
            }
            rows += minuteRows.size();
            firstTs = Math.min(firstTs, minuteRows.get(0).tsMs());
            lastTs = Math.max(lastTs, minuteRows.get(minuteRows.size() - 1).tsMs());
            rowsPerHour[minute / 60] += minuteRows.size();

            long start = System.nanoTime();
            write(beforeDir.resolve("part-" + writer + "-" + minute + ".parquet"), fingerprint, footer, minuteRows);
            writeBeforeNanos += System.nanoTime() - start;

            start = System.nanoTime();
            Path staging = Files.createDirectories(HourlyPublisher.stagingDir(after, "prices")
                    .resolve("date=" + DAY).resolve(String.format(Locale.ROOT, "hour=%02d", minute / 60)));
            Path inProgress = staging.resolve(".part-" + writer + "-" + minute + ".inprogress");
            write(inProgress, fingerprint, footer, minuteRows);
            // Committed as FileSink commits: an atomic rename of the finished file.
            Files.move(inProgress, staging.resolve("part-" + writer + "-" + minute + HourlyPublisher.STAGED_SUFFIX));
            writeStagedNanos += System.nanoTime() - start;

            start = System.nanoTime();
            HourlyPublisher.Published published = publisher.publish(false);
            publishNanos[minute] = System.nanoTime() - start;
            if (published.sealed() > 0) {
                sealingPublishNanos[minute / 60 - 1] = publishNanos[minute];
            }
        }
        long start = System.nanoTime();
        publisher.publish(true);
        long finalPublishNanos = System.nanoTime() - start;
        return new Day(rows, firstTs, lastTs, rowsPerHour, writeBeforeNanos, writeStagedNanos, publishNanos,
                sealingPublishNanos, finalPublishNanos);
    }

    private static void write(Path file, String fingerprint, Map<String, String> footer, List<PriceRow> rows)
            throws IOException {
        try (FSDataOutputStream stream = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), WriteMode.NO_OVERWRITE)) {
            BulkWriter<PriceRow> writer = ParquetSinks.writerFactory(RowKinds.PRICES, fingerprint, footer).create(stream);
            for (PriceRow row : rows) {
                writer.addElement(row);
            }
            writer.finish();
        }
    }

    /** The first row of the aggregate: count, sum(qty) and, for the whole day, the time range. */
    private record Row(long count, double sumQty, long minTs, long maxTs) {}

    /** Runs the query on both layouts alternately, prints the medians and minimums, asserts equal answers. */
    private static Row compare(String name, String sql, Path before, Path after, int runs) throws SQLException {
        Row beforeRow = query(sql, before, new long[1]);
        Row afterRow = query(sql, after, new long[1]);
        // Sums of doubles in a different order may differ in the last bits; the rows are the same.
        if (beforeRow.count != afterRow.count
                || Math.abs(beforeRow.sumQty - afterRow.sumQty) > 1e-9 * Math.abs(beforeRow.sumQty)) {
            throw new IllegalStateException(name + ": before " + beforeRow + ", after " + afterRow);
        }
        long[] beforeNanos = new long[runs];
        long[] afterNanos = new long[runs];
        for (int run = 0; run < runs; run++) {
            long[] took = new long[1];
            // Which layout goes first alternates, so that neither gains from the other's reads.
            if (run % 2 == 0) {
                query(sql, before, took);
                beforeNanos[run] = took[0];
                query(sql, after, took);
                afterNanos[run] = took[0];
            } else {
                query(sql, after, took);
                afterNanos[run] = took[0];
                query(sql, before, took);
                beforeNanos[run] = took[0];
            }
        }
        System.out.printf(Locale.ROOT, "%s (%,d rows, %d runs): before median %.1f ms, min %.1f ms;"
                        + " after median %.1f ms, min %.1f ms; after/before %.3f (medians)%n",
                name, beforeRow.count, runs, median(beforeNanos) / 1e6, min(beforeNanos) / 1e6,
                median(afterNanos) / 1e6, min(afterNanos) / 1e6, (double) median(afterNanos) / median(beforeNanos));
        return beforeRow;
    }

    private static Row query(String sql, Path dir, long[] took) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            long start = System.nanoTime();
            try (ResultSet rs = statement.executeQuery(String.format(Locale.ROOT, sql, dir))) {
                rs.next();
                Row row = new Row(rs.getLong(1), rs.getDouble(2),
                        rs.getMetaData().getColumnCount() > 2 ? rs.getLong(3) : 0,
                        rs.getMetaData().getColumnCount() > 3 ? rs.getLong(4) : 0);
                took[0] = System.nanoTime() - start;
                return row;
            }
        }
    }

    /** The files readers glob in one symbol's kind directory, and their bytes. */
    private record Layout(int files, long bytes) {

        static Layout of(Path kindDir) throws IOException {
            try (Stream<Path> files = Files.list(kindDir)) {
                List<Path> parquet = files.filter(file -> file.getFileName().toString().endsWith(".parquet")).toList();
                long bytes = 0;
                for (Path file : parquet) {
                    bytes += Files.size(file);
                }
                return new Layout(parquet.size(), bytes);
            }
        }
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static void deleteAll(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
