package io.orderflow.testkit.loopback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeHistoryTest {

    private static final long FIRST = 5_000;

    @Test
    void keepsTheLastCapacityTradesThroughGrowthAndWrapping() {
        TradeHistory history = new TradeHistory("X", 3_000);
        for (long id = FIRST; id < FIRST + 10_000; id++) {
            history.add(trade(id));
        }
        assertThat(history.firstEverId()).isEqualTo(FIRST);
        assertThat(history.lastId()).isEqualTo(FIRST + 9_999);
        List<Trade> page = history.from(FIRST + 8_000, 1_000);
        assertThat(page).extracting(Trade::tradeId).first().isEqualTo(FIRST + 8_000);
        assertThat(page).hasSize(1_000).allSatisfy(t -> assertThat(t).isEqualTo(trade(t.tradeId())));
        // Older than the history: starts at the oldest trade still kept.
        assertThat(history.from(FIRST, 2).get(0).tradeId()).isEqualTo(FIRST + 7_000);
        assertThat(history.latest(2)).extracting(Trade::tradeId).containsExactly(FIRST + 9_998, FIRST + 9_999);
        assertThat(history.from(FIRST + 10_000, 5)).isEmpty();
    }

    @Test
    void refusesAGapInIds() {
        TradeHistory history = new TradeHistory("X", 10);
        history.add(trade(FIRST));
        assertThatThrownBy(() -> history.add(trade(FIRST + 2))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Trade trade(long id) {
        return new Trade("X", id * 10, id * 10 - 1, id * 10, id / 4.0, id % 7 + 0.5, id,
                id % 3 == 0 ? TakerSide.SELL : TakerSide.BUY);
    }
}
