package io.orderflow.job.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketFeedTest {

    private static final List<MarketEvent> TRADES = ListFeed.trades("BTCUSDT", 5, 1_000, 10);

    @Test
    void skipLandsOnTheEventAfterTheSkippedOnes() {
        ListFeed feed = new ListFeed(TRADES);

        feed.skip(3);

        assertThat(feed.next()).isEqualTo(TRADES.get(3));
    }

    @Test
    void skipPastTheEndLeavesAnExhaustedFeed() {
        ListFeed feed = new ListFeed(TRADES);

        feed.skip(1_000_000_000L);

        assertThat(feed.next()).isNull();
    }
}
