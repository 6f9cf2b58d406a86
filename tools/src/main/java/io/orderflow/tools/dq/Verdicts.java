package io.orderflow.tools.dq;

import static io.orderflow.tools.dq.DqReport.Verdict.FAIL;
import static io.orderflow.tools.dq.DqReport.Verdict.NA;
import static io.orderflow.tools.dq.DqReport.Verdict.PASS;
import static io.orderflow.tools.dq.DqReport.Verdict.WARN;

import io.orderflow.tools.dq.DqReport.Cvd;
import io.orderflow.tools.dq.DqReport.EmptyMinutes;
import io.orderflow.tools.dq.DqReport.HarvestHealth;
import io.orderflow.tools.dq.DqReport.Klines;
import io.orderflow.tools.dq.DqReport.Latency;
import io.orderflow.tools.dq.DqReport.OrphanedFile;
import io.orderflow.tools.dq.DqReport.Section;
import io.orderflow.tools.dq.DqReport.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The acceptance items of issue 12, each with its threshold, value and state. */
final class Verdicts {

    private static final long HOUR_MS = 3_600_000L;

    private final DqOptions options;

    Verdicts(DqOptions options) {
        this.options = options;
    }

    /** The verdicts one symbol, or the whole harvest, can be judged on. */
    List<Verdict> of(Section s, List<String> symbolsWithoutFeeds) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(emptyMinutes("trades_empty_minute_rate", s.coverage().emptyMinutesTrades(), "trades"));
        verdicts.add(emptyMinutes("books_empty_minute_rate", s.coverage().emptyMinutesBooks(), "books"));
        verdicts.add(duplicates(s));
        verdicts.add(latency("latency_p99_ms", s.latency(), s.latency().p99Ms(), options.maxLatencyP99Ms()));
        verdicts.add(latency("latency_p50_ms", s.latency(), s.latency().p50Ms(), options.maxLatencyP50Ms()));
        verdicts.add(cvdTail(s.signals().cvd()));
        verdicts.add(diagnosticColumns(s.signals().cvd()));
        verdicts.add(klines(s.health().klines()));
        verdicts.add(booksAndTrades(symbolsWithoutFeeds));
        verdicts.add(liveSource(s.health().sourceRows()));
        return verdicts;
    }

    /**
     * The preflight's items for one symbol, or the whole harvest (where the reconnects are the most
     * any one symbol saw: each connection's reconnect is written once per symbol it carries).
     */
    List<Verdict> ofPreflight(Section s, long reconnects) {
        List<Verdict> verdicts = new ArrayList<>();
        String threshold = "< " + options.maxPreflightDuplicateRate();
        Double rate = s.duplicates().duplicateRate();
        verdicts.add(rate == null
                ? verdict("preflight_duplicate_rate", threshold, null, FAIL, "no trades committed yet")
                : rate < options.maxPreflightDuplicateRate()
                        ? verdict("preflight_duplicate_rate", threshold, rate, PASS, null)
                        : verdict("preflight_duplicate_rate", threshold, rate, FAIL, s.duplicates().duplicateRows()
                                + " of " + s.duplicates().priceRows() + " trades repeat an agg_trade_id"));
        verdicts.add(drift(s));
        verdicts.add(verdict("preflight_reconnects", "≤ " + options.maxPreflightReconnects(), reconnects,
                reconnects <= options.maxPreflightReconnects() ? PASS : FAIL,
                reconnects <= options.maxPreflightReconnects() ? null : "a reconnect storm: " + reconnects
                        + " WebSocket reconnects (ws_reconnect rows in events) in the preflight's window"));
        return verdicts;
    }

    /** Whether the kinds a harvest cannot do without were committed, each file with the job's columns. */
    List<Verdict> ofPreflightFiles(Map<String, long[]> filesAndMisfits) {
        List<Verdict> verdicts = new ArrayList<>();
        filesAndMisfits.forEach((kind, counts) -> {
            String name = "preflight_" + kind + "_committed";
            String threshold = "committed files, each with the " + kind + " columns";
            verdicts.add(counts[0] == 0
                    ? verdict(name, threshold, 0, FAIL, "no " + kind + " file committed in the preflight's window")
                    : verdict(name, threshold, counts[0], counts[1] == 0 ? PASS : FAIL, counts[1] == 0 ? null
                            : counts[1] + " of " + counts[0] + " " + kind + " files lack columns or have others"));
        });
        return verdicts;
    }

    private Verdict drift(Section s) {
        String threshold = "< " + format(options.maxPreflightDriftP99Ms()) + " ms";
        Long drift = s.latency().absDriftP99Ms();
        if (drift == null) {
            return verdict("preflight_drift_p99_ms", threshold, null, FAIL, "no trades committed yet");
        }
        if (s.health().sourceRows().keySet().equals(Set.of("replay"))) {
            return verdict("preflight_drift_p99_ms", threshold, drift, NA,
                    "a replay: the receive times are the recording's, not this machine's");
        }
        boolean pass = drift < options.maxPreflightDriftP99Ms();
        return verdict("preflight_drift_p99_ms", threshold, drift, pass ? PASS : FAIL, pass ? null
                : "event time and receive time are " + drift + " ms apart at p99: a late feed or a clock off the exchange's");
    }

    /** What only the whole harvest is judged on. */
    List<Verdict> ofHarvest(Section overall, HarvestHealth harvest, long spanMs) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(eventRate(overall, spanMs));
        int fingerprints = harvest.configFingerprints().size();
        verdicts.add(fingerprints == 0
                ? verdict("single_config_fingerprint", "= 1", 0, NA, "files do not record a configuration fingerprint")
                : verdict("single_config_fingerprint", "= 1", fingerprints, fingerprints == 1 ? PASS : FAIL,
                        fingerprints == 1 ? null : fingerprints + " configurations wrote this range (health.config_fingerprints)"));
        int orphaned = harvest.orphanedInprogressFiles().size();
        long orphanedBytes = harvest.orphanedInprogressFiles().stream().mapToLong(OrphanedFile::sizeBytes).sum();
        verdicts.add(verdict("no_orphaned_inprogress_files", "= 0", orphaned, orphaned == 0 ? PASS : FAIL,
                orphaned == 0 ? null : orphaned + " in-progress files (" + orphanedBytes + " bytes) older than 3"
                        + " checkpoint intervals (" + 3 * options.checkpointIntervalSec() + " s): a task manager died"
                        + " before committing them; ./jobs/orphans.sh removes them once no job can commit them"));
        return verdicts;
    }

    private Verdict emptyMinutes(String name, EmptyMinutes empty, String what) {
        String threshold = "< " + options.maxEmptyBucketRate();
        if (empty.rate() == null) {
            return verdict(name, threshold, null, NA, "no trades or books, so no minute to judge");
        }
        boolean pass = empty.rate() < options.maxEmptyBucketRate();
        return verdict(name, threshold, empty.rate(), pass ? PASS : FAIL, pass ? null
                : empty.count() + " of " + empty.minutes() + " minutes have no " + what + "; longest run "
                        + empty.longestRunMinutes() + " min from " + empty.longestRunStart());
    }

    private Verdict duplicates(Section s) {
        String threshold = "< " + options.maxDuplicateRate();
        Double rate = s.duplicates().duplicateRate();
        if (rate == null) {
            return verdict("duplicate_rate", threshold, null, NA, "no trades");
        }
        boolean pass = rate < options.maxDuplicateRate();
        return verdict("duplicate_rate", threshold, rate, pass ? PASS : FAIL, pass ? null
                : s.duplicates().duplicateRows() + " of " + s.duplicates().priceRows() + " trades repeat an agg_trade_id");
    }

    private Verdict latency(String name, Latency latency, Long value, double max) {
        String threshold = "< " + format(max) + " ms";
        if (value == null) {
            return verdict(name, threshold, null, NA, "no trades");
        }
        if (latency.clockSkew().detected()) {
            return verdict(name, threshold, value, NA, "clock skew: " + latency.clockSkew().rowsBeyond()
                    + " trades arrived more than " + options.clockSkewMs() + " ms before their event time (min "
                    + latency.minMs() + " ms), so the receive clock is off the exchange's (a replayed recording?)");
        }
        boolean pass = value < max;
        return verdict(name, threshold, value, pass ? PASS : FAIL, pass ? null : value + " ms");
    }

    private Verdict cvdTail(Cvd cvd) {
        String threshold = "z_raw beyond ±" + format(cvd.winsorLimit()) + " while max |z_cvd| ≤ " + format(cvd.winsorLimit());
        if (cvd.rows() == 0) {
            return verdict("cvd_tail_separation", threshold, null, NA, "no cvd rows");
        }
        if (cvd.rowsBeyondLimit() == 0) {
            return verdict("cvd_tail_separation", threshold, cvd.zRawAbs().max(), NA,
                    "no row's |z_raw| exceeded the winsor limit " + format(cvd.winsorLimit()));
        }
        boolean pass = cvd.zCvdAbs().max() <= cvd.winsorLimit();
        return verdict("cvd_tail_separation", threshold,
                new TreeMap<>(Map.of("z_raw_abs_max", cvd.zRawAbs().max(), "z_cvd_abs_max", cvd.zCvdAbs().max())),
                pass ? PASS : FAIL, pass ? null : "z_cvd reaches " + cvd.zCvdAbs().max() + ": it is not winsorised");
    }

    private Verdict diagnosticColumns(Cvd cvd) {
        String threshold = "scale, sigma_floor, floor_used in every cvd row";
        if (cvd.rows() == 0) {
            return verdict("cvd_diagnostic_columns", threshold, null, NA, "no cvd rows");
        }
        List<String> lacking = cvd.diagnosticColumns().entrySet().stream()
                .filter(e -> e.getValue().nonNullShare() < 1.0)
                .map(e -> e.getKey() + " (" + format(100 * e.getValue().nonNullShare()) + " % of rows)")
                .toList();
        return verdict("cvd_diagnostic_columns", threshold, lacking.isEmpty() ? "all" : String.join(", ", lacking),
                lacking.isEmpty() ? PASS : FAIL, lacking.isEmpty() ? null : "missing in rows: " + String.join(", ", lacking));
    }

    private Verdict klines(Klines k) {
        String threshold = "0 insane or duplicate bars";
        if (k.rows() == 0) {
            return verdict("klines_sane", threshold, null, NA, "no klines rows");
        }
        long bad = k.highBelowOpenOrClose() + k.lowAboveOpenOrClose() + k.negativeVolume() + k.duplicateBars();
        return verdict("klines_sane", threshold, bad, bad == 0 ? PASS : FAIL, bad == 0 ? null
                : k.highBelowOpenOrClose() + " with high below open or close, " + k.lowAboveOpenOrClose()
                        + " with low above open or close, " + k.negativeVolume() + " with negative volume, "
                        + k.duplicateBars() + " duplicate bars");
    }

    private static Verdict booksAndTrades(List<String> symbolsWithoutFeeds) {
        return verdict("books_and_trades", "every symbol has ofi and prices rows",
                symbolsWithoutFeeds.isEmpty() ? "all" : String.join(", ", symbolsWithoutFeeds),
                symbolsWithoutFeeds.isEmpty() ? PASS : FAIL,
                symbolsWithoutFeeds.isEmpty() ? null : String.join("; ", symbolsWithoutFeeds));
    }

    private static Verdict liveSource(Map<String, Long> sourceRows) {
        String threshold = "binance";
        if (sourceRows.isEmpty()) {
            return verdict("live_source", threshold, null, NA, "files do not record their source");
        }
        List<String> others = sourceRows.keySet().stream().filter(s -> !s.equals("binance")).toList();
        return verdict("live_source", threshold, String.join(", ", sourceRows.keySet()), others.isEmpty() ? PASS : WARN,
                others.isEmpty() ? null : "not from a live exchange: " + String.join(", ", others));
    }

    private Verdict eventRate(Section overall, long spanMs) {
        String threshold = "≥ " + format(options.minEventsPer72h()) + " per 72 h";
        Double rate = overall.signals().marketEventsPer72h();
        if (spanMs < HOUR_MS) {
            return verdict("events_per_72h", threshold, rate, NA, "run too short to judge an event rate ("
                    + spanMs / 60_000 + " min < 60 min)");
        }
        boolean pass = rate >= options.minEventsPer72h();
        return verdict("events_per_72h", threshold + " (prorated: ≥ "
                        + format(options.minEventsPer72h() * spanMs / (72.0 * HOUR_MS)) + " in this run)", rate,
                pass ? PASS : FAIL, pass ? null : overall.signals().marketEvents() + " market events in "
                        + format(spanMs / (double) HOUR_MS) + " h");
    }

    private static Verdict verdict(String name, String threshold, Object value, String state, String reason) {
        return new Verdict(name, threshold, value, state, reason);
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
