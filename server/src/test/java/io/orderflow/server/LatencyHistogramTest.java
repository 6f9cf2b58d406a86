package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void everyValueLiesWithinItsBucketsBounds() {
        for (long micros = 1; micros < 1_000_000; micros += 1 + micros / 7) {
            int bucket = LatencyHistogram.bucket(micros);
            assertThat(LatencyHistogram.upperBound(bucket)).as("upper bound of %d", micros).isGreaterThanOrEqualTo(micros);
            assertThat(LatencyHistogram.upperBound(bucket)).isLessThanOrEqualTo(micros + micros / 4);
            assertThat(LatencyHistogram.bucket(micros + 1)).as("buckets rise with the value").isGreaterThanOrEqualTo(bucket);
        }
    }

    @Test
    void quantilesOfKnownValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.quantileMicros(0.5)).isZero();
        for (int i = 0; i < 98; i++) {
            histogram.recordNanos(100_000); // 100 us
        }
        histogram.recordNanos(5_000_000); // 5 ms
        histogram.recordNanos(20_000_000); // 20 ms
        assertThat(histogram.quantileMicros(0.5)).isBetween(100L, 125L);
        assertThat(histogram.quantileMicros(0.99)).isBetween(5_000L, 6_250L);
        assertThat(histogram.quantileMicros(1.0)).isBetween(20_000L, 25_000L);
    }
}
