package io.orderflow.job.metrics;

import org.apache.flink.metrics.MetricGroup;

/**
 * How long the job takes from receiving an event to producing its row: the row's production time
 * minus the event's receive time, both this process's clock (on a cluster, the TaskManager's clock
 * against the source's, on the same machine or NTP apart). Nearest-rank p50 and p95 over one-minute
 * windows of production time ({@link LatencyQuantiles}), per operator subtask, under a {@code kind}
 * label naming the row: {@code processing_latency_ms_p50}, {@code processing_latency_ms_p95}.
 *
 * <p>Measured where each event first becomes a row, in the first keyed function of its path: a trade
 * in the price tape ({@code prices}), a book in OFI ({@code ofi}). That covers the source, the hand-off,
 * the routing, the shuffle by symbol and the function; CVD and klines chain beside the price tape on
 * the same trades, and fusion and events are paced by event time (every second, every bar), so their
 * delay says more about their cadence than about the job's speed. Recording costs an array increment.
 */
public final class ProcessingLatency {

    public static final String KIND = "kind";
    public static final String P50 = "processing_latency_ms_p50";
    public static final String P95 = "processing_latency_ms_p95";

    static final long WINDOW_MS = 60_000;

    private final LatencyQuantiles quantiles = new LatencyQuantiles(WINDOW_MS);

    /** @param kind the row kind produced, e.g. {@code prices} */
    public ProcessingLatency(MetricGroup operatorGroup, String kind) {
        MetricGroup group = operatorGroup.addGroup(KIND, kind);
        group.gauge(P50, quantiles::p50);
        group.gauge(P95, quantiles::p95);
    }

    /** A row produced at {@code nowMs} from an event received at {@code receiveTimeMs}. */
    public void rowProduced(long receiveTimeMs, long nowMs) {
        quantiles.record(nowMs, nowMs - receiveTimeMs);
    }
}
