package io.orderflow.tools.dq;

import io.orderflow.core.model.MarketNotice;
import io.orderflow.tools.dq.DqOptions.Kind;
import io.orderflow.tools.dq.DqReport.ClockSkew;
import io.orderflow.tools.dq.DqReport.ColumnPresence;
import io.orderflow.tools.dq.DqReport.Coverage;
import io.orderflow.tools.dq.DqReport.Cvd;
import io.orderflow.tools.dq.DqReport.Duplicates;
import io.orderflow.tools.dq.DqReport.EmptyMinutes;
import io.orderflow.tools.dq.DqReport.HarvestHealth;
import io.orderflow.tools.dq.DqReport.Health;
import io.orderflow.tools.dq.DqReport.Klines;
import io.orderflow.tools.dq.DqReport.Latency;
import io.orderflow.tools.dq.DqReport.Range;
import io.orderflow.tools.dq.DqReport.Section;
import io.orderflow.tools.dq.DqReport.Signals;
import io.orderflow.tools.dq.DqReport.Tail;
import io.orderflow.tools.dq.DqReport.WinsorLimit;
import io.orderflow.tools.dq.HarvestScan.Figures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns a scan's figures into the report: sections, rates and verdicts. */
final class ReportBuilder {

    /** Event types that describe the feed rather than the market: not counted in the event rate. */
    static final Set<String> FEED_EVENT_TYPES = Set.of(MarketNotice.BOOK_RESYNC, MarketNotice.BOOK_UNSYNCED,
            MarketNotice.DATA_GAP, MarketNotice.LATE_TRADE, MarketNotice.FEED_SUMMARY, MarketNotice.WS_RECONNECT);

    private static final double MS_PER_72H = 72 * 3_600_000.0;

    private final DqOptions options;
    private final HarvestScan scan;
    private final Verdicts verdicts;

    ReportBuilder(DqOptions options, HarvestScan scan) {
        this.options = options;
        this.scan = scan;
        this.verdicts = new Verdicts(options);
    }

    DqReport build(HarvestFiles files, Instant now, long elapsedMs) {
        Map<String, Section> symbols = new TreeMap<>();
        List<String> withoutFeeds = new ArrayList<>();
        long symbolMinutes = 0;
        long missingIds = 0;
        for (var e : scan.figures.entrySet()) {
            if (e.getKey().equals(HarvestScan.OVERALL)) {
                continue;
            }
            Figures f = e.getValue();
            List<String> lacking = lacking(e.getKey(), f);
            withoutFeeds.addAll(lacking);
            Section s = section(e.getKey(), f, f.minutesSpanned(), missingIds(f), lacking);
            symbols.put(e.getKey(), s);
            symbolMinutes += f.minutesSpanned();
            missingIds += missingIds(f);
        }
        Figures all = scan.figures.get(HarvestScan.OVERALL);
        HarvestHealth harvest = new HarvestHealth(
                scan.fingerprints, scan.fingerprints.size() > 1, files.orphaned());
        long spanMs = all.firstMs == null ? 0 : all.lastMs - all.firstMs;
        Section overall = section(null, all, symbolMinutes, missingIds, withoutFeeds);

        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("max_empty_bucket_rate", options.maxEmptyBucketRate());
        thresholds.put("max_duplicate_rate", options.maxDuplicateRate());
        thresholds.put("max_latency_p99_ms", options.maxLatencyP99Ms());
        thresholds.put("max_latency_p50_ms", options.maxLatencyP50Ms());
        thresholds.put("min_events_per_72h", options.minEventsPer72h());
        thresholds.put("clock_skew_ms", options.clockSkewMs());
        thresholds.put("checkpoint_interval_sec", options.checkpointIntervalSec());

        if (options.kind() == Kind.PREFLIGHT) {
            thresholds.put("max_preflight_duplicate_rate", options.maxPreflightDuplicateRate());
            thresholds.put("max_preflight_drift_p99_ms", options.maxPreflightDriftP99Ms());
            thresholds.put("max_preflight_reconnects", options.maxPreflightReconnects());
        }

        List<DqReport.Verdict> allVerdicts = new ArrayList<>(overall.verdicts());
        allVerdicts.addAll(options.kind() == Kind.PREFLIGHT
                ? verdicts.ofPreflightFiles(scan.preflightFiles)
                : verdicts.ofHarvest(overall, harvest, spanMs));
        overall = new Section(null, overall.coverage(), overall.duplicates(), overall.latency(), overall.signals(),
                overall.health(), allVerdicts);
        return new DqReport(
                DqReport.SCHEMA_VERSION,
                now.toString(),
                elapsedMs,
                options.kind().label(),
                options.runTag(),
                options.data().toString(),
                new Range(str(options.from()), str(options.to()), options.symbols().isEmpty() ? null : options.symbols(),
                        str(options.since())),
                thresholds,
                new WinsorLimit(scan.winsorLimit, scan.winsorSource),
                overall,
                symbols,
                harvest);
    }

    private long mostReconnectsOfASymbol() {
        return scan.figures.entrySet().stream()
                .filter(e -> !e.getKey().equals(HarvestScan.OVERALL))
                .mapToLong(e -> e.getValue().events.getOrDefault(MarketNotice.WS_RECONNECT, 0L))
                .max().orElse(0);
    }

    private static List<String> lacking(String symbol, Figures f) {
        List<String> lacking = new ArrayList<>();
        if (f.ofiRows == 0) {
            lacking.add(symbol + ": no books (ofi rows)");
        }
        if (f.priceRows == 0) {
            lacking.add(symbol + ": no trades (prices rows)");
        }
        return lacking;
    }

    private static long missingIds(Figures f) {
        return f.minId == null ? 0 : f.maxId - f.minId + 1 - f.distinctIds;
    }

    private Section section(String symbol, Figures f, long minutes, long missingIds, List<String> withoutFeeds) {
        long spanMs = f.firstMs == null ? 0 : f.lastMs - f.firstMs;
        Coverage coverage = new Coverage(time(f.firstMs), time(f.lastMs), f.minutesSpanned(), f.rowsByKind,
                empty(f.emptyTrades, minutes, symbol == null ? scan.longestRunSymbol(true) : symbol),
                empty(f.emptyBooks, minutes, symbol == null ? scan.longestRunSymbol(false) : symbol));
        long duplicateRows = f.priceRows - f.distinctIds;
        Duplicates duplicates = new Duplicates(f.priceRows, duplicateRows, share(duplicateRows, f.priceRows),
                missingIds, f.idGaps);
        Latency latency = new Latency(f.priceRows, f.latencyP50, f.latencyP90, f.latencyP99, f.latencyMax, f.latencyMin,
                f.driftP50, f.driftP99, new ClockSkew(f.skewedRows > 0, options.clockSkewMs(), f.skewedRows));

        Map<String, Double> per72h = new TreeMap<>();
        long market = 0;
        for (var e : f.events.entrySet()) {
            per72h.put(e.getKey(), per72h(e.getValue(), spanMs));
            if (!FEED_EVENT_TYPES.contains(e.getKey())) {
                market += e.getValue();
            }
        }
        Map<String, ColumnPresence> diagnostics = new LinkedHashMap<>();
        for (String column : HarvestScan.DIAGNOSTIC_COLUMNS) {
            diagnostics.put(column, new ColumnPresence(scan.cvdColumns.contains(column),
                    share(f.diagnosticNonNull.getOrDefault(column, 0L), f.cvdRows)));
        }
        Cvd cvd = new Cvd(f.cvdRows, scan.winsorLimit, f.cvdBeyond, share(f.cvdBeyond, f.cvdRows),
                new Tail(f.zRawP99, f.zRawP999, f.zRawMax), new Tail(f.zCvdP99, f.zCvdP999, f.zCvdMax),
                scan.cvdColumns.contains("floor_used") ? share(f.floorUsedRows, f.cvdRows) : null, diagnostics);
        Signals signals = new Signals(f.events, per72h, market, per72h(market, spanMs), cvd);
        Health health = new Health(f.events.getOrDefault(MarketNotice.BOOK_RESYNC, 0L),
                f.events.getOrDefault(MarketNotice.BOOK_UNSYNCED, 0L), f.events.getOrDefault(MarketNotice.DATA_GAP, 0L),
                f.events.getOrDefault(MarketNotice.LATE_TRADE, 0L), f.events.getOrDefault(MarketNotice.WS_RECONNECT, 0L),
                new Klines(f.klineRows, f.klineHighBad, f.klineLowBad, f.klineNegativeVolume, f.klineDuplicateBars),
                f.sourceRows);
        Section section = new Section(symbol, coverage, duplicates, latency, signals, health, List.of());
        return new Section(symbol, coverage, duplicates, latency, signals, health, options.kind() == Kind.PREFLIGHT
                ? verdicts.ofPreflight(section, symbol == null ? mostReconnectsOfASymbol() : health.wsReconnect())
                : verdicts.of(section, withoutFeeds));
    }

    private static EmptyMinutes empty(long[] empty, long minutes, String symbol) {
        boolean run = empty[1] > 0;
        return new EmptyMinutes(empty[0], minutes, share(empty[0], minutes), empty[1],
                run ? time(empty[2] * 60_000L) : null, run ? symbol : null);
    }

    private static Double per72h(long count, long spanMs) {
        return spanMs <= 0 ? null : count * MS_PER_72H / spanMs;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : part / (double) whole;
    }

    private static String time(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
