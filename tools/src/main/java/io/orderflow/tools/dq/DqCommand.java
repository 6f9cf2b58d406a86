package io.orderflow.tools.dq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orderflow.tools.dq.DqOptions.BadInput;
import io.orderflow.tools.dq.DqOptions.Kind;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The data-quality report of a harvest ({@code jobs/dq.sh}, issue 12): reads the partitioned Parquet
 * with DuckDB, writes {@code dq_<YYYYMMDD>_<HHMM>.json} and the same report with its pictures as
 * {@code .html} beside it (docs/data-quality.md), and a summary on standard output. Exit status 0
 * when no verdict fails, 1 when one does, 2 for bad input.
 */
public final class DqCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

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
        return run(List.of(args), clock, out, err).status();
    }

    /**
     * What a run gave: its exit status, the report written (none for bad input) and its failing
     * verdicts, each as {@code symbol: name = value (reason)}, or the bad input's message.
     */
    public record Outcome(int status, Path report, List<String> failures) {

        public boolean failed() {
            return status != OK;
        }
    }

    /** What is wrong with these flags, if anything: a harvest checks the flags of its reports before it starts. */
    public static Optional<String> checkFlags(List<String> flags) {
        try {
            DqOptions.parse(flags.toArray(String[]::new));
            return Optional.empty();
        } catch (BadInput e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Runs the command for a caller in this JVM (a harvest's own reports). */
    public static Outcome run(List<String> args, Clock clock, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        DqOptions options;
        try {
            options = DqOptions.parse(args.toArray(String[]::new));
        } catch (BadInput e) {
            return badInput(e.getMessage(), err);
        }
        Instant now = clock.instant();
        Result result;
        try {
            result = report(options, now, start);
        } catch (BadInput e) {
            return badInput(e.getMessage(), err);
        }
        String suffix = options.kind() == Kind.PREFLIGHT || options.kind() == Kind.FINAL ? "_" + options.kind().label() : "";
        String name = "dq_" + FILE_TIME.format(now) + suffix;
        Path json = options.out().resolve(name + ".json");
        Path html = options.out().resolve(name + ".html");
        try {
            Files.createDirectories(options.out());
            JSON.writeValue(json.toFile(), result.report());
            Files.writeString(html, HtmlReport.render(result.report(), result.charts(), json.getFileName().toString()));
        } catch (IOException e) {
            return badInput("cannot write " + options.out() + ": " + e.getMessage(), err);
        }
        List<String> failures = failures(result.report());
        summarise(result.report(), json, html, failures.size(), out);
        return new Outcome(failures.isEmpty() ? OK : FAILED, json, failures);
    }

    private static Outcome badInput(String message, PrintStream err) {
        err.println("dq: " + message);
        return new Outcome(BAD_INPUT, null, List.of(message));
    }

    private static List<String> failures(DqReport report) {
        List<String> failures = new ArrayList<>();
        Stream.concat(Stream.of(report.overall()), report.symbols().values().stream()).forEach(section ->
                section.verdicts().stream().filter(v -> v.state().equals(Verdict.FAIL)).forEach(v ->
                        failures.add((section.symbol() == null ? "all" : section.symbol()) + ": " + v.name() + " = "
                                + v.value() + " (" + v.threshold() + ")" + (v.reason() == null ? "" : ": " + v.reason()))));
        return failures;
    }

    /** The report and what its HTML page draws beyond it. */
    private record Result(DqReport report, ChartData charts) {}

    private static Result report(DqOptions options, Instant now, long startNanos) throws BadInput {
        Path data = options.data();
        // A preflight reports a run that has committed nothing as failed, rather than refusing to judge it.
        boolean preflight = options.kind() == Kind.PREFLIGHT;
        if (!Files.isDirectory(data) && !preflight) {
            throw new BadInput("no data directory " + data + " (--data DIR)");
        }
        HarvestFiles files;
        try {
            files = Files.isDirectory(data) ? HarvestFiles.scan(options, now) : HarvestFiles.NONE;
        } catch (IOException e) {
            throw new BadInput("cannot list " + data + ": " + e.getMessage());
        }
        if (files.committed().isEmpty() && !preflight) {
            throw new BadInput("no committed Parquet file under " + data + range(options));
        }
        try (HarvestScan scan = new HarvestScan(options, files)) {
            scan.run();
            ChartData charts = ChartData.query(scan, files.kinds(), options.clockSkewMs());
            return new Result(new ReportBuilder(options, scan).build(files, now, (System.nanoTime() - startNanos) / 1_000_000),
                    charts);
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

    /** A few lines for the whole harvest and per symbol, failing verdicts first. */
    private static void summarise(DqReport report, Path json, Path html, int failed, PrintStream out) {
        Section overall = report.overall();
        out.printf(Locale.ROOT, "dq%s: %d symbols, %s .. %s, report %s (%d ms)%n",
                report.kind().equals(Kind.ADHOC.label()) ? "" : " " + report.kind(), report.symbols().size(),
                overall.coverage().firstEventTime(), overall.coverage().lastEventTime(), json, report.elapsedMs());
        print("all", overall, true, out);
        for (Section symbol : report.symbols().values()) {
            print(symbol.symbol(), symbol, false, out);
        }
        out.println("dq: pictures in " + html);
        out.println(failed == 0 ? "dq: no verdict fails" : "dq: " + failed + (failed == 1 ? " verdict fails" : " verdicts fail"));
    }

    private static void print(String name, Section s, boolean showNotApplicable, PrintStream out) {
        out.printf(Locale.ROOT, "%-10s %d trades, %d books, %d min; empty minutes %d trades, %d books;"
                        + " %d duplicate trades, %d missing ids; latency p50/p99 %s/%s ms%n",
                name, s.duplicates().priceRows(), s.coverage().rowsByKind().getOrDefault("ofi", 0L),
                s.coverage().minutesSpanned(), s.coverage().emptyMinutesTrades().count(),
                s.coverage().emptyMinutesBooks().count(), s.duplicates().duplicateRows(),
                s.duplicates().missingTradeIds(), s.latency().p50Ms(), s.latency().p99Ms());
        List<Verdict> sorted = s.verdicts().stream()
                .sorted(Comparator.comparingInt(v -> Verdict.WORST_FIRST.indexOf(v.state())))
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
