package io.orderflow.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class ProcessingLatencyTest {

    private final MetricListener listener = new MetricListener();

    @Test
    void publishesP50AndP95OfEachMinuteOfProductionTimeUnderTheKind() {
        ProcessingLatency latency = new ProcessingLatency(listener.getMetricGroup(), "prices");
        // 20 rows in the minute from 60 s, produced 1..20 ms after receipt
        for (int i = 1; i <= 20; i++) {
            long produced = 60_000 + i * 1_000L;
            latency.rowProduced(produced - i, produced);
        }
        assertThat(gauge(ProcessingLatency.P50).getValue()).isNaN();
        latency.rowProduced(120_000, 120_003);
        // n = 20: ranks ceil(0.5·20) = 10 and ceil(0.95·20) = 19
        assertThat(gauge(ProcessingLatency.P50).getValue()).isEqualTo(10.0);
        assertThat(gauge(ProcessingLatency.P95).getValue()).isEqualTo(19.0);
    }

    private Gauge<Double> gauge(String name) {
        return listener.<Double>getGauge(ProcessingLatency.KIND, "prices", name).orElseThrow();
    }
}
