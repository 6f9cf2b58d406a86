package io.orderflow.tools.dq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orderflow.tools.dq.DqOptions.BadInput;
import io.orderflow.tools.dq.DqReport.Section;
import io.orderflow.tools.dq.DqReport.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The data-quality report of a harvest ({@code jobs/dq.sh}, issue 12): reads the partitioned Parquet
 * with DuckDB, writes {@code dq_<YYYYMMDD>_<HHMM>.json} (docs/data-quality.md) and a summary on
 * standard output. Exit status 0 when no verdict fails, 1 when one does, 2 for bad input.
 */
public final class DqCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private DqCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, Clock.systemUTC(), System.out, System.err));
    }

    /** Runs the command; the clock dates the report and ages the in-progress files. */
    static int run(String[] args, Clock clock, PrintStream out, PrintStream err) {
        if (DqOptions.helpRequested(args)) {
            out.println(DqOptions.USAGE);
            return OK;
        }
        long start = System.nanoTime();
        DqOptions options;
        try {
            options = DqOptions.parse(args);
        } catch (BadInput e) {
            err.println("dq: " + e.getMessage());
            return BAD_INPUT;
        }
        Instant now = clock.instant();
        DqReport report;
        try {
            report = report(options, now, start);
        } catch (BadInput e) {
            err.println("dq: " + e.getMessage());
            return BAD_INPUT;
        }
        Path file = options.out().resolve("dq_" + FILE_TIME.format(now) + ".json");
        try {
            Files.createDirectories(options.out());
            JSON.writeValue(file.toFile(), report);
        } catch (IOException e) {
            err.println("dq: cannot write " + file + ": " + e.getMessage());
            return BAD_INPUT;
        }
        return summarise(report, file, out);
    }

    private static DqReport report(DqOptions options, Instant now, long startNanos) throws BadInput {
        Path data = options.data();
        if (!Files.isDirectory(data)) {
            throw new BadInput("no data directory " + data + " (--data DIR)");
        }
        HarvestFiles files;
        try {
            files = HarvestFiles.scan(options, now);
        } catch (IOException e) {
            throw new BadInput("cannot list " + data + ": " + e.getMessage());
        }
        if (files.committed().isEmpty()) {
            throw new BadInput("no committed Parquet file under " + data + range(options));
        }
        try (HarvestScan scan = new HarvestScan(options, files)) {
            scan.run();
            return new ReportBuilder(options, scan).build(files, now, (System.nanoTime() - startNanos) / 1_000_000);
        } catch (SQLException | IOException e) {
            // The message names the file and what is wrong with it; the first line of DuckDB's is enough.
            throw new BadInput("cannot read the Parquet under " + data + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String range(DqOptions options) {
        String from = options.from() == null ? "" : " from " + options.from();
        String to = options.to() == null ? "" : " to " + options.to();
        String symbols = options.symbols().isEmpty() ? "" : " for " + String.join(",", options.symbols());
        return from + to + symbols;
    }

    /** A few lines for the whole harvest and per symbol, failing verdicts first; returns the exit status. */
    private static int summarise(DqReport report, Path file, PrintStream out) {
        Section overall = report.overall();
        out.printf(Locale.ROOT, "dq: %d symbols, %s .. %s, report %s (%d ms)%n", report.symbols().size(),
                overall.coverage().firstEventTime(), overall.coverage().lastEventTime(), file, report.elapsedMs());
        long failed = overall.verdicts().stream().filter(v -> v.state().equals(Verdict.FAIL)).count();
        print("all", overall, true, out);
        for (Section symbol : report.symbols().values()) {
            print(symbol.symbol(), symbol, false, out);
            failed += symbol.verdicts().stream().filter(v -> v.state().equals(Verdict.FAIL)).count();
        }
        out.println(failed == 0 ? "dq: no verdict fails" : "dq: " + failed + (failed == 1 ? " verdict fails" : " verdicts fail"));
        return failed == 0 ? OK : FAILED;
    }

    private static void print(String name, Section s, boolean showNotApplicable, PrintStream out) {
        out.printf(Locale.ROOT, "%-10s %d trades, %d books, %d min; empty minutes %d trades, %d books;"
                        + " %d duplicate trades, %d missing ids; latency p50/p99 %s/%s ms%n",
                name, s.duplicates().priceRows(), s.coverage().rowsByKind().getOrDefault("ofi", 0L),
                s.coverage().minutesSpanned(), s.coverage().emptyMinutesTrades().count(),
                s.coverage().emptyMinutesBooks().count(), s.duplicates().duplicateRows(),
                s.duplicates().missingTradeIds(), s.latency().p50Ms(), s.latency().p99Ms());
        List<String> order = List.of(Verdict.FAIL, Verdict.WARN, Verdict.NA, Verdict.PASS);
        List<Verdict> sorted = s.verdicts().stream()
                .sorted(Comparator.comparingInt(v -> order.indexOf(v.state())))
                .toList();
        long passed = 0;
        long notApplicable = 0;
        for (Verdict v : sorted) {
            if (v.state().equals(Verdict.PASS)) {
                passed++;
            } else if (v.state().equals(Verdict.NA) && !showNotApplicable) {
                notApplicable++;
            } else {
                out.printf(Locale.ROOT, "%-10s %-4s %s = %s (%s)%s%n", "", v.state().toUpperCase(Locale.ROOT), v.name(),
                        v.value() == null ? "-" : v.value(), v.threshold(), v.reason() == null ? "" : ": " + v.reason());
            }
        }
        out.printf(Locale.ROOT, "%-10s %d pass%s%n", "", passed, notApplicable == 0 ? "" : ", " + notApplicable + " n/a");
    }
}
