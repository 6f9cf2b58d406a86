package io.orderflow.tools.dq;

import io.orderflow.tools.dq.HarvestScan.Figures;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the HTML report draws beyond the JSON's figures, queried over the tables {@link HarvestScan}
 * has loaded: aggregates only (runs of minutes, bucket counts), so a 72-hour harvest costs a few
 * group-bys and no row passes through Java.
 */
record ChartData(
        Map<String, MinuteCoverage> coverage,
        List<LatencyBucket> latencyBuckets,
        Map<String, List<Long>> latencyCounts,
        EventTimeline events) {

    static final long MINUTE_MS = 60_000L;

    /** A symbol's span in minutes since the epoch, both ends included, and its runs of empty minutes. */
    record MinuteCoverage(long firstMinute, long lastMinute, List<EmptyRun> emptyTrades, List<EmptyRun> emptyBooks) {}

    /** {@code minutes} consecutive empty minutes from {@code firstMinute} (since the epoch). */
    record EmptyRun(long firstMinute, long minutes) {}

    /**
     * Latencies in [{@code fromMs}, {@code toMs}); a null bound is open. {@code skewed}: the trade
     * arrived before its event time, so the clocks disagree and the bucket is drawn apart.
     */
    record LatencyBucket(Long fromMs, Long toMs, boolean skewed) {}

    /**
     * Events per {@code bucketMs} by type, from the bucket at {@code fromMs} to the one at
     * {@code toMs} (both bucket starts); {@code counts} holds the non-empty buckets only.
     */
    record EventTimeline(long fromMs, long toMs, long bucketMs, SortedMap<Long, Map<String, Long>> counts) {}

    /** Minutes with rows, both ends included. */
    private record BusyRun(long firstMinute, long lastMinute) {}

    /** Latency bounds in ms from 0 up: 1-2-5 steps, so the tail is as readable as the body. */
    private static final long[] LATENCY_BOUNDS = {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000};

    /** Event buckets to choose from, smallest first: the first giving fewer than {@link #MAX_EVENT_BUCKETS} bars. */
    private static final long[] EVENT_BUCKET_MINUTES = {1, 5, 15, 60, 360, 1_440};
    private static final int MAX_EVENT_BUCKETS = 96;

    static ChartData query(HarvestScan scan, Set<String> kinds, long clockSkewMs) throws SQLException {
        Map<String, MinuteCoverage> coverage = coverage(scan, kinds);
        List<LatencyBucket> buckets = latencyBuckets(clockSkewMs);
        Map<String, List<Long>> latency = kinds.contains("prices") ? latencyCounts(scan, buckets) : Map.of();
        return new ChartData(coverage, buckets, latency, kinds.contains("events") ? events(scan) : null);
    }

    private static Map<String, MinuteCoverage> coverage(HarvestScan scan, Set<String> kinds) throws SQLException {
        Map<String, List<BusyRun>> trades = kinds.contains("prices") ? busyRuns(scan, "prices") : Map.of();
        Map<String, List<BusyRun>> books = kinds.contains("ofi") ? busyRuns(scan, "ofi") : Map.of();
        Map<String, MinuteCoverage> coverage = new TreeMap<>();
        for (var e : scan.figures.entrySet()) {
            Figures f = e.getValue();
            if (e.getKey().equals(HarvestScan.OVERALL) || f.firstMs == null) {
                continue;
            }
            long first = Math.floorDiv(f.firstMs, MINUTE_MS);
            long last = Math.floorDiv(f.lastMs, MINUTE_MS);
            coverage.put(e.getKey(), new MinuteCoverage(first, last,
                    emptyRuns(trades.getOrDefault(e.getKey(), List.of()), first, last),
                    emptyRuns(books.getOrDefault(e.getKey(), List.of()), first, last)));
        }
        return coverage;
    }

    /**
     * Runs of consecutive minutes that have rows, per symbol, in order: a minute minus its rank is
     * constant along a run (gaps and islands), so there are about as many rows as gaps.
     */
    private static Map<String, List<BusyRun>> busyRuns(HarvestScan scan, String table) throws SQLException {
        Map<String, List<BusyRun>> runs = new TreeMap<>();
        scan.query("WITH m AS (SELECT DISTINCT symbol, ts_ms // " + MINUTE_MS + " AS minute FROM " + table + ")"
                + " SELECT symbol, min(minute), max(minute) FROM"
                + " (SELECT symbol, minute, minute - row_number() OVER (PARTITION BY symbol ORDER BY minute) AS island FROM m)"
                + " GROUP BY symbol, island ORDER BY symbol, 2", rs -> runs.computeIfAbsent(rs.getString(1),
                        s -> new ArrayList<>()).add(new BusyRun(rs.getLong(2), rs.getLong(3))));
        return runs;
    }

    /** The minutes of [first, last] outside every busy run. */
    private static List<EmptyRun> emptyRuns(List<BusyRun> busy, long first, long last) {
        List<EmptyRun> empty = new ArrayList<>();
        long next = first;
        for (BusyRun run : busy) {
            if (run.firstMinute() > next) {
                empty.add(new EmptyRun(next, Math.min(run.firstMinute(), last + 1) - next));
            }
            next = Math.max(next, run.lastMinute() + 1);
        }
        if (next <= last) {
            empty.add(new EmptyRun(next, last + 1 - next));
        }
        return empty;
    }

    private static List<LatencyBucket> latencyBuckets(long clockSkewMs) {
        List<LatencyBucket> buckets = new ArrayList<>();
        buckets.add(new LatencyBucket(null, -clockSkewMs, true));
        buckets.add(new LatencyBucket(-clockSkewMs, 0L, true));
        for (int i = 0; i < LATENCY_BOUNDS.length; i++) {
            buckets.add(new LatencyBucket(LATENCY_BOUNDS[i], i + 1 < LATENCY_BOUNDS.length ? LATENCY_BOUNDS[i + 1] : null,
                    false));
        }
        return buckets;
    }

    private static Map<String, List<Long>> latencyCounts(HarvestScan scan, List<LatencyBucket> buckets)
            throws SQLException {
        StringBuilder bucket = new StringBuilder("CASE");
        for (int i = 0; i < buckets.size() - 1; i++) {
            bucket.append(" WHEN latency_ms < ").append(buckets.get(i).toMs()).append(" THEN ").append(i);
        }
        bucket.append(" ELSE ").append(buckets.size() - 1).append(" END");
        Map<String, List<Long>> counts = new TreeMap<>();
        scan.query("SELECT symbol, " + bucket + ", count(*) FROM prices WHERE latency_ms IS NOT NULL GROUP BY ALL", rs ->
                counts.computeIfAbsent(rs.getString(1), s -> new ArrayList<>(Collections.nCopies(buckets.size(), 0L)))
                        .set(rs.getInt(2), rs.getLong(3)));
        return counts;
    }

    /** Events of all symbols by type over the harvest's span, in buckets fitting its length; null without events. */
    private static EventTimeline events(HarvestScan scan) throws SQLException {
        Long[] range = new Long[2];
        scan.query("SELECT min(ts_ms), max(ts_ms) FROM events", rs -> {
            long min = rs.getLong(1);
            range[0] = rs.wasNull() ? null : min;
            range[1] = rs.getLong(2);
        });
        if (range[0] == null) {
            return null;
        }
        Figures all = scan.figures.get(HarvestScan.OVERALL);
        long from = all.firstMs == null ? range[0] : Math.min(all.firstMs, range[0]);
        long to = all.lastMs == null ? range[1] : Math.max(all.lastMs, range[1]);
        long bucketMs = eventBucketMs(to - from);
        SortedMap<Long, Map<String, Long>> counts = new TreeMap<>();
        scan.query("SELECT ts_ms // " + bucketMs + " * " + bucketMs + ", event_type, count(*) FROM events GROUP BY ALL",
                rs -> counts.computeIfAbsent(rs.getLong(1), b -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3)));
        return new EventTimeline(Math.floorDiv(from, bucketMs) * bucketMs, Math.floorDiv(to, bucketMs) * bucketMs,
                bucketMs, counts);
    }

    private static long eventBucketMs(long spanMs) {
        for (long minutes : EVENT_BUCKET_MINUTES) {
            if (spanMs / (minutes * MINUTE_MS) < MAX_EVENT_BUCKETS) {
                return minutes * MINUTE_MS;
            }
        }
        return EVENT_BUCKET_MINUTES[EVENT_BUCKET_MINUTES.length - 1] * MINUTE_MS;
    }
}
