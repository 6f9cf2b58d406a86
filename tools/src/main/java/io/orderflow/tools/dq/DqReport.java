package io.orderflow.tools.dq;

import java.util.List;
import java.util.Map;

/**
 * The dq report, as written to JSON (snake_case field names; documented in docs/data-quality.md).
 * {@code kind} is why it was made ({@link DqOptions.Kind}); {@code runTag} names the harvest run
 * that made it, marked once a report of the run has failed.
 * Bump {@link #SCHEMA_VERSION} when a field changes meaning or goes away.
 */
record DqReport(
        int schemaVersion,
        String generatedAt,
        long elapsedMs,
        String kind,
        String runTag,
        String dataDir,
        Range range,
        Map<String, Object> thresholds,
        WinsorLimit winsorLimit,
        Section overall,
        Map<String, Section> symbols,
        HarvestHealth harvest) {

    static final int SCHEMA_VERSION = 1;

    /** {@code committedSince}: only files committed at or after it were read (a harvest's preflight). */
    record Range(String from, String to, List<String> symbols, String committedSince) {}

    /** {@code source}: {@code footer} when read from the files' {@code orderflow.config}, else {@code flag}. */
    record WinsorLimit(double value, String source) {}

    /**
     * One symbol's figures, or all symbols' together ({@code symbol} null); the overall section's
     * verdicts include those only the whole harvest has.
     */
    record Section(
            String symbol,
            Coverage coverage,
            Duplicates duplicates,
            Latency latency,
            Signals signals,
            Health health,
            List<Verdict> verdicts) {}

    record Coverage(
            String firstEventTime,
            String lastEventTime,
            long minutesSpanned,
            Map<String, Long> rowsByKind,
            EmptyMinutes emptyMinutesTrades,
            EmptyMinutes emptyMinutesBooks) {}

    /** Empty one-minute buckets; the rate is over {@code minutes} (symbol-minutes overall). */
    record EmptyMinutes(
            long count,
            long minutes,
            Double rate,
            long longestRunMinutes,
            String longestRunStart,
            String longestRunSymbol) {}

    record Duplicates(long priceRows, long duplicateRows, Double duplicateRate, long missingTradeIds, List<IdGap> largestIdGaps) {}

    /** The ids strictly between {@code afterId} and {@code beforeId} are missing. */
    record IdGap(String symbol, long afterId, long beforeId, long missing) {}

    record Latency(
            long rows,
            Long p50Ms,
            Long p90Ms,
            Long p99Ms,
            Long maxMs,
            Long minMs,
            Long absDriftP50Ms,
            Long absDriftP99Ms,
            ClockSkew clockSkew) {}

    record ClockSkew(boolean detected, long thresholdMs, long rowsBeyond) {}

    record Signals(
            Map<String, Long> eventsByType,
            Map<String, Double> eventsPer72hByType,
            long marketEvents,
            Double marketEventsPer72h,
            Cvd cvd) {}

    record Cvd(
            long rows,
            double winsorLimit,
            long rowsBeyondLimit,
            Double shareBeyondLimit,
            Tail zRawAbs,
            Tail zCvdAbs,
            Double floorUsedShare,
            Map<String, ColumnPresence> diagnosticColumns) {}

    record Tail(Double p99, Double p999, Double max) {}

    record ColumnPresence(boolean present, Double nonNullShare) {}

    record Health(
            long bookResync,
            long bookUnsynced,
            long dataGap,
            long lateTrade,
            long wsReconnect,
            Klines klines,
            Map<String, Long> sourceRows) {}

    record Klines(long rows, long highBelowOpenOrClose, long lowAboveOpenOrClose, long negativeVolume, long duplicateBars) {}

    /** What only the whole harvest has: its files. */
    record HarvestHealth(
            List<Fingerprint> configFingerprints,
            boolean multipleFingerprints,
            List<OrphanedFile> orphanedInprogressFiles) {}

    record Fingerprint(String fingerprint, long files, long rows) {}

    record OrphanedFile(String path, long ageSec, long sizeBytes) {}

    record Verdict(String name, String threshold, Object value, String state, String reason) {

        static final String PASS = "pass";
        static final String FAIL = "fail";
        static final String WARN = "warn";
        static final String NA = "n/a";

        /** The states from the most to the least urgent: the order in which readers want them. */
        static final List<String> WORST_FIRST = List.of(FAIL, WARN, NA, PASS);
    }
}
