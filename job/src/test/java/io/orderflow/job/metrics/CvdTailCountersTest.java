package io.orderflow.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class CvdTailCountersTest {

    @Test
    void countsRowsAndTheRowsStrictlyBeyondTwoAndThree() {
        MetricListener listener = new MetricListener();
        CvdTailCounters.Tails tails = new CvdTailCounters.Tails(listener.getMetricGroup());
        for (double z : new double[] {0.5, -2.0, 2.0001, -3.5, 3.0, 8.0}) {
            tails.count(z);
        }
        assertThat(listener.getCounter(CvdTailCounters.ROWS).orElseThrow().getCount()).isEqualTo(6);
        // |z| > 2: 2.0001, −3.5, 3.0, 8.0 (not −2.0)
        assertThat(listener.getCounter(CvdTailCounters.Z_ABOVE_2).orElseThrow().getCount()).isEqualTo(4);
        // |z| > 3: −3.5, 8.0 (not 3.0)
        assertThat(listener.getCounter(CvdTailCounters.Z_ABOVE_3).orElseThrow().getCount()).isEqualTo(2);
    }
}
