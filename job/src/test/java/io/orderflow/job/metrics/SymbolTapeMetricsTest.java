package io.orderflow.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class SymbolTapeMetricsTest {

    private final MetricListener listener = new MetricListener();

    @Test
    void registersTheReceiveMetricsUnderTheSymbol() {
        SymbolTapeMetrics metrics = new SymbolTapeMetrics(listener.getMetricGroup(), "BTCUSDT");
        assertThat(gauge(SymbolTapeMetrics.RECV_RATE).getValue()).isNaN();

        // one trade a second for a minute, with latencies 1..60 ms; trade time 5 s behind receive time
        for (int i = 0; i < 60; i++) {
            metrics.record(i * 1_000L - 5_000, i * 1_000L, i + 1, 2.5);
        }
        // a trade three minutes of trade time later opens the next latency window
        metrics.record(175_000, 180_000, 200, 0.75);

        assertThat(gauge(SymbolTapeMetrics.RECV_RATE).getValue()).isEqualTo(0.75);
        // n = 60: ranks 30, 54, 60
        assertThat(gauge(SymbolTapeMetrics.LATENCY_P50).getValue()).isEqualTo(30.0);
        assertThat(gauge(SymbolTapeMetrics.LATENCY_P90).getValue()).isEqualTo(54.0);
        assertThat(gauge(SymbolTapeMetrics.LATENCY_P99).getValue()).isEqualTo(60.0);
        // trade minutes: −1 (start), 0, then 2: closes −1 and 0 with data and 1 empty
        assertThat(counter(SymbolTapeMetrics.MINUTE_BUCKETS).getCount()).isEqualTo(3);
        assertThat(counter(SymbolTapeMetrics.EMPTY_MINUTE_BUCKETS).getCount()).isEqualTo(1);
    }

    private Gauge<Double> gauge(String name) {
        return listener.<Double>getGauge("symbol", "BTCUSDT", name).orElseThrow();
    }

    private Counter counter(String name) {
        return listener.getCounter("symbol", "BTCUSDT", name).orElseThrow();
    }
}
