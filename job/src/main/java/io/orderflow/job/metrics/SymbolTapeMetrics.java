package io.orderflow.job.metrics;

import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

/**
 * The per-symbol receive metrics of the trade tape, under the operator's metric group with a
 * {@code symbol} label: {@code recv_rate_tps}, {@code latency_ms_p50/p90/p99} (over one-minute windows
 * of receive time) and the one-minute buckets of trade time, covered ({@code minute_buckets_total})
 * and empty ({@code empty_minute_buckets_total}). Updated on the task thread without allocating.
 */
public final class SymbolTapeMetrics {

    public static final String RECV_RATE = "recv_rate_tps";
    public static final String LATENCY_P50 = "latency_ms_p50";
    public static final String LATENCY_P90 = "latency_ms_p90";
    public static final String LATENCY_P99 = "latency_ms_p99";
    public static final String MINUTE_BUCKETS = "minute_buckets_total";
    public static final String EMPTY_MINUTE_BUCKETS = "empty_minute_buckets_total";

    static final long LATENCY_WINDOW_MS = 60_000;

    private final LatencyQuantiles latency = new LatencyQuantiles(LATENCY_WINDOW_MS);
    private final MinuteCoverage coverage;
    private volatile double receiveRate = Double.NaN;

    public SymbolTapeMetrics(MetricGroup operatorGroup, String symbol) {
        MetricGroup group = operatorGroup.addGroup("symbol", symbol);
        group.gauge(RECV_RATE, () -> receiveRate);
        group.gauge(LATENCY_P50, latency::p50);
        group.gauge(LATENCY_P90, latency::p90);
        group.gauge(LATENCY_P99, latency::p99);
        coverage = new MinuteCoverage(
                group.counter(MINUTE_BUCKETS, new SimpleCounter()),
                group.counter(EMPTY_MINUTE_BUCKETS, new SimpleCounter()));
    }

    /** One trade: its trade time, receive time, receive latency and the symbol's receive rate after it. */
    public void record(long tradeTimeMs, long receiveTimeMs, long latencyMs, double receiveRatePerSec) {
        receiveRate = receiveRatePerSec;
        latency.record(receiveTimeMs, latencyMs);
        coverage.record(tradeTimeMs);
    }
}
