package io.orderflow.core.exchange.binance.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void remembersWhatWasAdded() {
        RecentIds ids = new RecentIds(3, -1);
        ids.add(10);
        ids.add(12);

        assertThat(ids.contains(10)).isTrue();
        assertThat(ids.contains(12)).isTrue();
        assertThat(ids.contains(11)).isFalse();
        assertThat(ids.contains(13)).isFalse();
    }

    @Test
    void anEvictedIdAndAnythingOlderCountAsSeen() {
        RecentIds ids = new RecentIds(2, -1);
        ids.add(20);
        ids.add(21);
        ids.add(22); // evicts 20

        assertThat(ids.contains(20)).isTrue();
        assertThat(ids.contains(5)).isTrue();
        assertThat(ids.contains(22)).isTrue();
        assertThat(ids.contains(23)).isFalse();
    }

    @Test
    void aRestoredHorizonCoversEverythingEmittedBefore() {
        RecentIds ids = new RecentIds(100, 500);

        assertThat(ids.contains(500)).isTrue();
        assertThat(ids.contains(1)).isTrue();
        assertThat(ids.contains(501)).isFalse();
    }
}
