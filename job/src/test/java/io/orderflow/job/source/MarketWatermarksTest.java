package io.orderflow.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.junit.jupiter.api.Test;

class MarketWatermarksTest {

    @Test
    void timestampIsTheExchangeEventTime() {
        TimestampAssigner<MarketEvent> assigner = MarketWatermarks.create().createTimestampAssigner(null);
        MarketEvent trade = MarketEvent.of(
                new Trade("BTCUSDT", 1_000L, 998L, 1_005L, 60_000.0, 0.5, 1L, TakerSide.BUY));

        assertThat(assigner.extractTimestamp(trade, 42L)).isEqualTo(1_000L);
    }
}
