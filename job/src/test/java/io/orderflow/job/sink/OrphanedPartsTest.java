package io.orderflow.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.job.sink.OrphanedParts.Part;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrphanedPartsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final String PARTITION = "date=2024-08-08/symbol=BTCUSDT/kind=prices/";

    @TempDir
    Path data;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        ".part-3f2a-0.parquet.inprogress.9b1c, true", // FileSink's in-progress part
        "part-3f2a-0.parquet, false", // committed
        ".part-3f2a-0.parquet, false", // hidden, but not in progress
        "part-3f2a-0.parquet.inprogress.9b1c, false", // not hidden: not FileSink's
        ".part-3f2a-0.parquet.inprogress, false", // no attempt id
        ".part-3f2a-0.staged.inprogress.9b1c, true", // a staged part in progress
        "part-3f2a-0.staged, false", // committed, waiting to be published
        ".part-13-0123abcd.parquet.publishing, true", // an hour file's next version
        ".part-13-0123abcd.parquet.rows, true", // its new rows
        ".part-13-0123abcd.parquet.sealing, true", // its sealed version
        "part-13-0123abcd.parquet, false"}) // an hour file
    void knowsFileSinksInProgressNames(String name, boolean inProgress) {
        assertThat(OrphanedParts.isInProgress(name)).isEqualTo(inProgress);
    }

    @Test
    void anInProgressPartIsOrphanedOnlyWhenNotWrittenForLongerThanTheMinimumAge() throws Exception {
        file(PARTITION + ".part-a-0.parquet.inprogress.1", 3_601, 123); // an hour and a second: orphaned
        file(PARTITION + ".part-a-1.parquet.inprogress.1", 3_600, 5); // exactly an hour: still committable
        file(PARTITION + ".part-b-0.parquet.inprogress.2", 10, 7); // a running attempt's
        file(PARTITION + "part-a-0.parquet", 90_000, 11); // committed, however old
        file("date=2024-08-08/symbol=ETHUSDT/kind=ofi/.part-c-0.parquet.inprogress.3", 7_200, 1_000);
        file(".part-d-0.parquet.inprogress.4", 7_200, 1); // outside the partitions: not the sink's
        file("date=2024-08-08/symbol=BTCUSDT/.part-e-0.parquet.inprogress.5", 7_200, 1);
        file("_staging/prices/date=2024-08-08/hour=13/.part-f-0.staged.inprogress.6", 7_200, 9);
        file("_staging/prices/date=2024-08-08/.part-g-0.staged.inprogress.7", 7_200, 1); // not an hour's

        List<Part> parts = OrphanedParts.find(data, OrphanedParts.DEFAULT_MIN_AGE, NOW);

        assertThat(parts).containsExactly(
                new Part(data.resolve("_staging/prices/date=2024-08-08/hour=13/.part-f-0.staged.inprogress.6"), 7_200, 9),
                new Part(data.resolve(PARTITION + ".part-a-0.parquet.inprogress.1"), 3_601, 123),
                new Part(data.resolve("date=2024-08-08/symbol=ETHUSDT/kind=ofi/.part-c-0.parquet.inprogress.3"), 7_200, 1_000));
        assertThat(OrphanedParts.find(data, Duration.ofSeconds(9), NOW)).extracting(Part::ageSec)
                .containsExactly(7_200L, 3_601L, 3_600L, 10L, 7_200L);
    }

    @Test
    void listsWithoutRemovingUnlessAsked() throws Exception {
        Path orphan = file(PARTITION + ".part-a-0.parquet.inprogress.1", 4_000, 123);
        Path young = file(PARTITION + ".part-b-0.parquet.inprogress.2", 60, 7);
        Path committed = file(PARTITION + "part-a-0.parquet", 90_000, 11);

        String listed = run("--data", data.toString());
        assertThat(listed).isEqualTo("1 orphaned in-progress files (123 bytes) not written for more than 3600 s under "
                + data + "\n  " + orphan + " (123 bytes, 4000 s old)\nRemove them with --remove\n");
        assertThat(orphan).exists();

        String removed = run("--data", data.toString(), "--remove");
        assertThat(removed).endsWith("Removed 1 files (123 bytes)\n");
        assertThat(orphan).doesNotExist();
        assertThat(young).exists();
        assertThat(committed).exists();

        assertThat(run("--data", data.toString(), "--min-age-sec", "59", "--remove"))
                .startsWith("1 orphaned in-progress files (7 bytes) not written for more than 59 s");
        assertThat(young).doesNotExist();
        assertThat(committed).exists();
    }

    @Test
    void badInputIsStatusTwo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(OrphanedParts.run(new String[] {"--data", data.resolve("missing").toString()}, NOW, out, errStream))
                .isEqualTo(2);
        assertThat(OrphanedParts.run(new String[] {"--min-age-sec", "-1"}, NOW, out, errStream)).isEqualTo(2);
        assertThat(OrphanedParts.run(new String[] {"--min-age-sec"}, NOW, out, errStream)).isEqualTo(2);
        assertThat(OrphanedParts.run(new String[] {"--delete"}, NOW, out, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no data directory", "must not be negative",
                "--min-age-sec needs a value", "unknown argument '--delete'");
    }

    private String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = OrphanedParts.run(args, NOW, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path file(String relative, long ageSec, int size) throws Exception {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(ageSec)));
        return file;
    }
}
