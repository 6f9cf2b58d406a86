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

    @Test
    void theWindowSlidesWithTheNewestIdAndForgetsWhatItPassed() {
        RecentIds ids = new RecentIds(100, -1);
        for (long id = 1_000; id < 1_300; id += 2) { // every other id: the odd ones never came
            ids.add(id);
        }

        assertThat(ids.contains(1_298)).isTrue();
        assertThat(ids.contains(1_297)).as("within the window, never added").isFalse();
        assertThat(ids.contains(1_199)).as("as far back as the window reaches, never added").isFalse();
        assertThat(ids.contains(1_198)).as("beyond the window: old news").isTrue();
        assertThat(ids.contains(1_299)).isFalse();
    }

    @Test
    void anIdOutOfOrderWithinTheWindowIsRemembered() {
        RecentIds ids = new RecentIds(64, -1);
        ids.add(500);
        ids.add(480);

        assertThat(ids.contains(480)).isTrue();
        assertThat(ids.contains(481)).isFalse();
    }

    @Test
    void aJumpFarAheadForgetsTheOldWindowWithoutTakingItsBitsForNewIds() {
        RecentIds ids = new RecentIds(64, -1);
        for (long id = 0; id < 64; id++) {
            ids.add(id);
        }
        ids.add(64 + 1_000_000L);

        for (long id = 1_000_001; id < 1_000_064; id++) {
            assertThat(ids.contains(id)).as("id %d", id).isFalse();
        }
        assertThat(ids.contains(1_000_064)).isTrue();
        assertThat(ids.contains(1_000_000)).isTrue(); // behind the window
    }

    @Test
    void aShortJumpClearsOnlyTheSlotsItPasses() {
        RecentIds ids = new RecentIds(128, -1);
        for (long id = 0; id < 128; id++) {
            ids.add(id);
        }
        ids.add(200); // the slots of 128..200 held 0..72

        assertThat(ids.contains(150)).isFalse();
        assertThat(ids.contains(73)).as("added, still within 128 of 200").isTrue();
        assertThat(ids.contains(127)).isTrue();
    }
}
