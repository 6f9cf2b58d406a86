package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketNotice;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.testing.TestEnvironments;
import io.orderflow.testkit.Harvest;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording cut in two files at a diff, the way recorders write one file per day: only the first
 * holds the REST snapshot, the second continues its diff sequence and trade ids. Replayed together
 * they are one feed, so they give exactly the rows of the whole; the second alone never has a book,
 * which the run reports and ends on with a non-zero status.
 */
class DaySplitReplayIT {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    private static final Path WHOLE = Path.of("core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz");

    @TempDir
    static Path dir;

    private static Path dayOne;
    private static Path dayTwo;

    @BeforeAll
    static void cutTheRecordingInTwoAtADiff() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(WHOLE)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        int cut = lines.size() / 2;
        while (!lines.get(cut).contains("\"stream\":\"btcusdt@depth@100ms\"")) {
            cut++;
        }
        dayOne = write(dir.resolve("btcusdt_day1.gz"), lines.subList(0, cut));
        dayTwo = write(dir.resolve("btcusdt_day2.gz"), lines.subList(cut, lines.size()));
        assertThat(lines.subList(cut, lines.size())).noneMatch(line -> line.contains("lastUpdateId"));
    }

    @Test
    void twoFilesThatContinueEachOtherGiveExactlyTheRowsOfTheWhole() throws Exception {
        Path whole = dir.resolve("out-whole");
        Path split = dir.resolve("out-split");
        assertThat(replay(whole, WHOLE.toString(), false)).isZero();
        // Given out of order: the series is put in order by its files' first messages.
        assertThat(replay(split, dayTwo + "," + dayOne, false)).isZero();

        Map<String, String> expected = ReplayDigestIT.digests(whole);
        assertThat(ReplayDigestIT.digests(split)).isEqualTo(expected);
        try (Harvest a = new Harvest(whole); Harvest b = new Harvest(split)) {
            assertThat(a.ofi()).hasSizeGreaterThan(3_000);
            assertThat(b.events()).containsExactlyInAnyOrderElementsOf(a.events()); // the feed summary too
            assertThat(b.events()).noneMatch(e -> e.type().equals(MarketNotice.BOOK_RESYNC));
        }
    }

    @Test
    void theSecondFileAloneHasNoBookSoTheRunSaysWhyAndFails() throws Exception {
        Path out = dir.resolve("out-day-two");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = replay(out, dayTwo.toString(), false, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(FeedReports.UNSYNCED_EXIT_STATUS);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("BTCUSDT had depth but never a book (no depth snapshot", "--allow-unsynced");
        try (Harvest harvest = new Harvest(out)) {
            assertThat(harvest.ofi()).isEmpty();
            assertThat(harvest.prices()).hasSizeGreaterThan(5_000); // trades need no book
            List<MarketNotice> unsynced = harvest.events().stream()
                    .filter(e -> e.type().equals(MarketNotice.BOOK_UNSYNCED)).toList();
            assertThat(unsynced).singleElement().satisfies(notice -> assertThat(notice.metaJson())
                    .startsWith("{\"symbol\":\"BTCUSDT\",\"reason\":\"no_snapshot\",")
                    .contains("\"snapshots\":0", "\"books\":0"));
        }
        assertThat(replay(dir.resolve("out-day-two-allowed"), dayTwo.toString(), true)).isZero();
    }

    private static int replay(Path out, String files, boolean allowUnsynced) throws Exception {
        return replay(out, files, allowUnsynced, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** The job as OrderflowJob.main runs it, with the exit status it would end with. */
    private static int replay(Path out, String files, boolean allowUnsynced, PrintStream console) throws Exception {
        List<String> args = new ArrayList<>(List.of("--source", "replay", "--binance-market", "spot",
                "--replay-files", files, "--output-dir", out.toString(), "--parquet-rotate-sec", "1"));
        if (allowUnsynced) {
            args.add("--allow-unsynced");
        }
        OrderflowConfig config = OrderflowConfig.load(args.toArray(String[]::new), Map.of());
        StreamExecutionEnvironment env = TestEnvironments.create();
        new OrderflowJob(config, MarketSources.fromConfig(config), OrderflowJob.parquetSinks(config)).addTo(env);
        JobExecutionResult result = env.execute("day split " + out.getFileName());
        return FeedReports.of(result).report(console, config.allowUnsynced());
    }

    private static Path write(Path file, List<String> lines) throws IOException {
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
        return file;
    }
}
