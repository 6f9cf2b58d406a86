package io.orderflow.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyQuantilesTest {

    @Test
    void publishesNearestRankQuantilesWhenTheNextWindowStarts() {
        LatencyQuantiles q = new LatencyQuantiles(1_000);
        // window 0: latencies 1..100 ms, one each, in shuffled order
        for (int i = 0; i < 100; i++) {
            q.record(i * 10, (i * 37) % 100 + 1);
        }
        assertThat(q.p50()).as("nothing published inside the first window").isNaN();
        q.record(1_000, 7); // opens window 1
        // ranks ceil(0.5·100)=50, ceil(0.9·100)=90, ceil(0.95·100)=95, ceil(0.99·100)=99
        assertThat(q.p50()).isEqualTo(50.0);
        assertThat(q.p90()).isEqualTo(90.0);
        assertThat(q.p95()).isEqualTo(95.0);
        assertThat(q.p99()).isEqualTo(99.0);
    }

    @Test
    void eachWindowStartsFromAnEmptyHistogram() {
        LatencyQuantiles q = new LatencyQuantiles(1_000);
        q.record(0, 500);
        q.record(1_000, 3); // window 1 holds 3, 4, 5
        q.record(1_100, 4);
        q.record(1_900, 5);
        q.record(2_000, 0);
        // n = 3: ranks 2, 3, 3, 3
        assertThat(q.p50()).isEqualTo(4.0);
        assertThat(q.p90()).isEqualTo(5.0);
        assertThat(q.p95()).isEqualTo(5.0);
        assertThat(q.p99()).isEqualTo(5.0);
    }

    @Test
    void clampsSkewedAndHugeLatenciesToTheHistogramEnds() {
        LatencyQuantiles q = new LatencyQuantiles(1_000);
        q.record(0, -5);
        q.record(1, 10_000);
        q.record(1_000, 1);
        // n = 2: rank 1 is the clamped −5, ranks 2 and 2 the overflow bucket
        assertThat(q.p50()).isEqualTo(0.0);
        assertThat(q.p90()).isEqualTo(LatencyQuantiles.OVERFLOW_MS);
        assertThat(q.p99()).isEqualTo(LatencyQuantiles.OVERFLOW_MS);
    }

    @Test
    void aRecordFromAnEarlierWindowCountsInTheCurrentOneAndEmptyWindowsPublishNothing() {
        LatencyQuantiles q = new LatencyQuantiles(1_000);
        q.record(1_000, 10);
        q.record(5_000, 20); // windows 2..4 were empty: window 1's figures are published once
        assertThat(q.p99()).isEqualTo(10.0);
        q.record(3_500, 30); // received out of order: counted in window 5
        q.record(6_000, 1);
        // window 5 held 20 and 30
        assertThat(q.p50()).isEqualTo(20.0);
        assertThat(q.p99()).isEqualTo(30.0);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new LatencyQuantiles(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
