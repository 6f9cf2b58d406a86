package io.orderflow.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import org.junit.jupiter.api.Test;

/** Binance's m flag: buyer is maker ⇒ the taker sold ⇒ the volume counts negative. */
class CvdSignTest {

    @Test
    void buyerIsMakerMeansTakerSellAndNegativeVolume() {
        Trade sell = new Trade("BTCUSDT", 2, 1, 3, 60000, 0.25, 7, TakerSide.fromBuyerIsMaker(true));
        Trade buy = new Trade("BTCUSDT", 2, 1, 3, 60000, 0.5, 8, TakerSide.fromBuyerIsMaker(false));
        assertThat(sell.takerSide()).isEqualTo(TakerSide.SELL);
        assertThat(sell.signedQty()).isEqualTo(-0.25);
        assertThat(buy.takerSide()).isEqualTo(TakerSide.BUY);
        assertThat(buy.signedQty()).isEqualTo(0.5);
    }

    @Test
    void winsorisingClipsOnlyTheTails() {
        assertThat(RobustZScore.winsorise(12.5, 8)).isEqualTo(8.0);
        assertThat(RobustZScore.winsorise(-9, 8)).isEqualTo(-8.0);
        assertThat(RobustZScore.winsorise(3.25, 8)).isEqualTo(3.25);
    }
}
