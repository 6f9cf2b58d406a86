package io.orderflow.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

class MinuteCoverageTest {

    private final SimpleCounter closed = new SimpleCounter();
    private final SimpleCounter empty = new SimpleCounter();
    private final MinuteCoverage coverage = new MinuteCoverage(closed, empty);

    @Test
    void countsTheMinutesBetweenRecordsAsEmpty() {
        coverage.record(0);          // minute 0: the start, nothing closed
        coverage.record(30_000);     // still minute 0
        assertThat(closed.getCount()).isZero();
        coverage.record(60_000);     // minute 1: closes minute 0, which had data
        assertThat(closed.getCount()).isEqualTo(1);
        assertThat(empty.getCount()).isZero();
        coverage.record(250_000);    // minute 4: closes 1 (data), 2 and 3 (empty)
        assertThat(closed.getCount()).isEqualTo(4);
        assertThat(empty.getCount()).isEqualTo(2);
    }

    @Test
    void ignoresRecordsOfEarlierMinutes() {
        coverage.record(250_000);
        coverage.record(200_000);    // minute 3, out of order
        coverage.record(250_001);
        assertThat(closed.getCount()).isZero();
        coverage.record(300_000);    // minute 5 closes minute 4 only
        assertThat(closed.getCount()).isEqualTo(1);
        assertThat(empty.getCount()).isZero();
    }

    @Test
    void theFirstRecordOnlySetsTheStartSoDowntimeBeforeItIsNotCounted() {
        coverage.record(3_600_000);
        coverage.record(3_660_000);
        assertThat(closed.getCount()).isEqualTo(1);
        assertThat(empty.getCount()).isZero();
    }
}
