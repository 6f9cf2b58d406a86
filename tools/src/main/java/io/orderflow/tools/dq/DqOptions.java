package io.orderflow.tools.dq;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dq command's flags: what to read, where to write, and the verdicts' thresholds (defaults from
 * issue 12). {@code --name value} or {@code --name=value}.
 */
record DqOptions(
        Path data,
        LocalDate from,
        LocalDate to,
        List<String> symbols,
        Path out,
        double maxEmptyBucketRate,
        double maxDuplicateRate,
        double maxLatencyP99Ms,
        double maxLatencyP50Ms,
        double minEventsPer72h,
        long clockSkewMs,
        long checkpointIntervalSec,
        double winsorLimit,
        Kind kind,
        String runTag,
        Instant since,
        double maxPreflightDuplicateRate,
        double maxPreflightDriftP99Ms,
        long maxPreflightReconnects) {

    /**
     * Why the report is made: by hand, or by a harvest run at its start ({@code preflight}, judged on
     * the preflight's own items), every DQ_EVERY_HOURS ({@code periodic}) and at its end ({@code final}).
     */
    enum Kind {
        ADHOC, PREFLIGHT, PERIODIC, FINAL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = """
            Usage: ./jobs/dq.sh [--data DIR] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--symbols A,B] [--out DIR]
              thresholds: --max-empty-bucket-rate 0.001 --max-duplicate-rate 0.005 --max-latency-p99-ms 120
                          --max-latency-p50-ms 60 --min-events-per-72h 1000 --clock-skew-ms 200
              --checkpoint-interval-sec 60 (in-progress files older than three intervals are orphaned)
              --winsor-limit 8 (used when no footer records WINSOR_LIMIT)
              --kind adhoc|preflight|periodic|final (a harvest run's reports; preflight judges only
                     --max-preflight-duplicate-rate 0.002 --max-preflight-drift-p99-ms 120
                     --max-preflight-reconnects 3 and that prices and cvd are committed with their schema)
              --since INSTANT (only files committed since, e.g. 2026-12-02T04:00:00Z)  --run-tag TAG
            Exit status: 0 no verdict fails, 1 a verdict fails, 2 bad input.""";

    /** A flag or value the command cannot use: exit status 2, with this message. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    static DqOptions parse(String[] args) throws BadInput {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new BadInput("unexpected argument '" + arg + "'\n" + USAGE);
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new BadInput("--" + name + " needs a value");
            }
            values.put(name, value);
        }
        Flags flags = new Flags(values);
        DqOptions options = new DqOptions(
                Path.of(flags.string("data", "./data")),
                flags.date("from"),
                flags.date("to"),
                flags.symbols(),
                Path.of(flags.string("out", "artifacts/dq_reports")),
                flags.number("max-empty-bucket-rate", 0.001, 0, 1),
                flags.number("max-duplicate-rate", 0.005, 0, 1),
                flags.number("max-latency-p99-ms", 120, 0, Double.MAX_VALUE),
                flags.number("max-latency-p50-ms", 60, 0, Double.MAX_VALUE),
                flags.number("min-events-per-72h", 1000, 0, Double.MAX_VALUE),
                (long) flags.number("clock-skew-ms", 200, 0, Long.MAX_VALUE),
                (long) flags.number("checkpoint-interval-sec", 60, 1, Long.MAX_VALUE),
                flags.number("winsor-limit", 8, 0.001, 1000),
                flags.kind(),
                flags.string("run-tag", null),
                flags.instant("since"),
                flags.number("max-preflight-duplicate-rate", 0.002, 0, 1),
                flags.number("max-preflight-drift-p99-ms", 120, 0, Double.MAX_VALUE),
                (long) flags.number("max-preflight-reconnects", 3, 0, Long.MAX_VALUE));
        if (!values.isEmpty()) {
            throw new BadInput("unknown flag --" + values.keySet().iterator().next() + "\n" + USAGE);
        }
        if (options.from != null && options.to != null && options.from.isAfter(options.to)) {
            throw new BadInput("--from " + options.from + " is after --to " + options.to);
        }
        return options;
    }

    static boolean helpRequested(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    /** Takes each flag out of the map as it is read, so what is left over is unknown. */
    private record Flags(Map<String, String> values) {

        String string(String name, String fallback) throws BadInput {
            String value = values.remove(name);
            if (value != null && value.isBlank()) {
                throw new BadInput("--" + name + " is empty");
            }
            return value == null ? fallback : value;
        }

        LocalDate date(String name) throws BadInput {
            String value = values.remove(name);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadInput("--" + name + " '" + value + "' is not a date YYYY-MM-DD");
            }
        }

        Kind kind() throws BadInput {
            String value = values.remove("kind");
            if (value == null) {
                return Kind.ADHOC;
            }
            try {
                return Kind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInput("--kind '" + value + "' is not one of adhoc, preflight, periodic, final");
            }
        }

        Instant instant(String name) throws BadInput {
            String value = values.remove(name);
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadInput("--" + name + " '" + value + "' is not an instant like 2026-12-02T04:00:00Z");
            }
        }

        List<String> symbols() throws BadInput {
            String value = values.remove("symbols");
            if (value == null) {
                return List.of();
            }
            List<String> symbols = Arrays.stream(value.split(",")).map(String::trim).toList();
            for (String symbol : symbols) {
                if (!symbol.matches("[A-Za-z0-9_]+")) {
                    throw new BadInput("--symbols '" + value + "': '" + symbol + "' is not a symbol");
                }
            }
            return symbols.stream().map(String::toUpperCase).distinct().toList();
        }

        double number(String name, double fallback, double min, double max) throws BadInput {
            String value = values.remove(name);
            if (value == null) {
                return fallback;
            }
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new BadInput("--" + name + " '" + value + "' is not a number");
            }
            if (!(number >= min && number <= max)) {
                throw new BadInput("--" + name + " " + value + " is out of range [" + min + ", " + max + "]");
            }
            return number;
        }
    }
}
