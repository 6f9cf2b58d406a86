package io.orderflow.job.source.binance.reader;

import io.orderflow.core.exchange.binance.feed.FeedMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The source's counters, on the reader's metric group (so they reach Prometheus as
 * {@code flink_taskmanager_job_task_operator_<name>}), and readable here for tests that drive a
 * reader without Flink. Counters are incremented from the connections' processing threads, hence thread-safe ones.
 */
public final class BinanceSourceMetrics implements FeedMetrics {

    public static final String PARSE_ERRORS = "parse_errors_total";
    /** Well-formed messages of streams the job does not consume: not errors, but worth seeing. */
    public static final String UNSUPPORTED_MESSAGES = "unsupported_messages_total";
    public static final String DEDUP_HITS = "dedup_hits_total";
    public static final String GAPFILL_TRADES = "gapfill_trades_total";
    /** Back-fills deferred because the REST budget was spent, their symbol's live trades held meanwhile. */
    public static final String GAPFILL_DEFERRALS = "gapfill_deferrals_total";
    /** Trades missed for good: a {@code @trade} id gap, or a back-fill the exchange could not serve. */
    public static final String TRADE_GAPS = "trade_gaps_total";
    public static final String WS_RECONNECTS = "ws_reconnects_total";
    public static final String DEPTH_FRAMES_DROPPED = "depth_frames_dropped_total";
    public static final String BOOK_RESYNCS = "book_resyncs_total";
    public static final String BOOKTICKER_CHECKS = "bookticker_checks_total";
    public static final String BOOKTICKER_MISMATCHES = "bookticker_mismatches_total";
    /** Books not synced within BOOK_SYNC_TIMEOUT_SEC of their first diff. */
    public static final String BOOK_UNSYNCED = "book_unsynced_total";
    /**
     * Events waiting in the hand-off: on the reader's group, all of them; under {@link #CONNECTION},
     * each connection's share (the capacity is the reader's, shared by its connections).
     */
    public static final String HANDOFF_DEPTH = "handoff_queue_depth";
    /** The label of per-connection metrics: the connection's split id, e.g. {@code usdm-public-0}. */
    public static final String CONNECTION = "connection";
    /** Connection loss noticed to the first market message on a new connection, ms, over the last {@link #TIMES_KEPT}. */
    public static final String WS_RECONNECT_MS = "ws_reconnect_ms";
    /** A book lost (sequence gap, dropped book) to the snapshot that synced it again, ms, over the last {@link #TIMES_KEPT}. */
    public static final String BOOK_RESYNC_MS = "book_resync_ms";
    /** How many of the latest reconnect and resync times the histograms keep. */
    static final int TIMES_KEPT = 1_024;

    private final Counter parseErrors;
    private final Counter unsupportedMessages;
    private final Counter dedupHits;
    private final Counter gapfillTrades;
    private final Counter gapfillDeferrals;
    private final Counter tradeGaps;
    final Counter wsReconnects;
    private final Counter depthFramesDropped;
    private final Counter bookResyncs;
    private final Counter bookTickerChecks;
    private final Counter bookTickerMismatches;
    private final Counter bookUnsynced;
    private final Histogram reconnectMs;
    private final Histogram resyncMs;

    private final Map<String, Counter> byName = new LinkedHashMap<>();
    private final MetricGroup group;

    BinanceSourceMetrics(MetricGroup group, IntSupplier handoffDepth) {
        this.group = group;
        parseErrors = register(group, PARSE_ERRORS);
        unsupportedMessages = register(group, UNSUPPORTED_MESSAGES);
        dedupHits = register(group, DEDUP_HITS);
        gapfillTrades = register(group, GAPFILL_TRADES);
        gapfillDeferrals = register(group, GAPFILL_DEFERRALS);
        tradeGaps = register(group, TRADE_GAPS);
        wsReconnects = register(group, WS_RECONNECTS);
        depthFramesDropped = register(group, DEPTH_FRAMES_DROPPED);
        bookResyncs = register(group, BOOK_RESYNCS);
        bookTickerChecks = register(group, BOOKTICKER_CHECKS);
        bookTickerMismatches = register(group, BOOKTICKER_MISMATCHES);
        bookUnsynced = register(group, BOOK_UNSYNCED);
        group.gauge(HANDOFF_DEPTH, handoffDepth::getAsInt);
        // Flink's sliding-window histogram: recording stores into a fixed ring, without allocating.
        reconnectMs = group.histogram(WS_RECONNECT_MS, new DescriptiveStatisticsHistogram(TIMES_KEPT));
        resyncMs = group.histogram(BOOK_RESYNC_MS, new DescriptiveStatisticsHistogram(TIMES_KEPT));
    }

    /** A connection of the reader, with its events waiting in the hand-off. */
    void connection(String splitId, IntSupplier handoffDepth) {
        group.addGroup(CONNECTION, splitId).gauge(HANDOFF_DEPTH, handoffDepth::getAsInt);
    }

    @Override
    public void parseError() {
        parseErrors.inc();
    }

    @Override
    public void unsupported() {
        unsupportedMessages.inc();
    }

    @Override
    public void dedupHit() {
        dedupHits.inc();
    }

    @Override
    public void backfilled(long trades) {
        gapfillTrades.inc(trades);
    }

    @Override
    public void backfillDeferred() {
        gapfillDeferrals.inc();
    }

    @Override
    public void tradeGap(long missing) {
        tradeGaps.inc(missing);
    }

    @Override
    public void depthFrameDropped() {
        depthFramesDropped.inc();
    }

    @Override
    public void bookResync() {
        bookResyncs.inc();
    }

    @Override
    public void bookResynced(long tookMs) {
        resyncMs.update(tookMs);
    }

    /** A connection lost {@code tookNanos} ago delivers again: its replacement's first market message. */
    void reconnected(long tookNanos) {
        reconnectMs.update(TimeUnit.NANOSECONDS.toMillis(tookNanos));
    }

    @Override
    public void bookUnsynced() {
        bookUnsynced.inc();
    }

    @Override
    public void tickerCheck(boolean mismatch) {
        bookTickerChecks.inc();
        if (mismatch) {
            bookTickerMismatches.inc();
        }
    }

    /** Counters that go nowhere but can still be read, for tests of the parts. */
    static BinanceSourceMetrics unregistered() {
        return new BinanceSourceMetrics(new UnregisteredMetricsGroup(), () -> 0);
    }

    /** The count of one of the counters named above. */
    public long count(String name) {
        Counter counter = byName.get(name);
        if (counter == null) {
            throw new IllegalArgumentException("no counter " + name + "; counters are " + byName.keySet());
        }
        return counter.getCount();
    }

    /** Every counter by name, for a log line or a failed assertion. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        byName.forEach((name, counter) -> counts.put(name, counter.getCount()));
        return counts;
    }

    /** The reconnect or resync times kept ({@link #WS_RECONNECT_MS}, {@link #BOOK_RESYNC_MS}). */
    public HistogramStatistics times(String name) {
        return switch (name) {
            case WS_RECONNECT_MS -> reconnectMs.getStatistics();
            case BOOK_RESYNC_MS -> resyncMs.getStatistics();
            default -> throw new IllegalArgumentException("no histogram " + name);
        };
    }

    private Counter register(MetricGroup group, String name) {
        Counter counter = group.counter(name, new ThreadSafeSimpleCounter());
        byName.put(name, counter);
        return counter;
    }
}
