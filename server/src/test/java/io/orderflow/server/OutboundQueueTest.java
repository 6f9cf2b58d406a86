package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    @Test
    void queuesUpToCapacityWithoutConflating() {
        OutboundQueue queue = new OutboundQueue(3);
        for (int seq = 1; seq <= 3; seq++) {
            assertThat(queue.offer(Rows.message(Rows.ofi("btcusdt", seq, seq)))).isEqualTo(OutboundQueue.Offer.QUEUED);
        }
        assertThat(texts(queue)).hasSize(3);
        assertThat(queue.takeConflated()).isZero();
    }

    @Test
    void whenFullKeepsOnlyTheNewestConflatableRowOfEachStream() {
        OutboundQueue queue = new OutboundQueue(4);
        String trade1 = Rows.trade("btcusdt", 1, 1);
        String closedBar = Rows.kline("btcusdt", 2, 1, true);
        queue.offer(Rows.message(Rows.ofi("btcusdt", 1, 1)));
        queue.offer(Rows.message(trade1));
        queue.offer(Rows.message(Rows.kline("btcusdt", 1, 1, false)));
        queue.offer(Rows.message(closedBar));
        queue.offer(Rows.message(Rows.ofi("btcusdt", 2, 2)));
        assertThat(queue.offer(Rows.message(Rows.kline("btcusdt", 3, 2, false)))).isEqualTo(OutboundQueue.Offer.QUEUED);

        assertThat(queue.takeConflated()).isEqualTo(2);
        assertThat(texts(queue)).containsExactly(trade1, closedBar, Rows.ofi("btcusdt", 2, 2), Rows.kline("btcusdt", 3, 2, false));
    }

    @Test
    void overflowsWhenConflationFreesNoRoom() {
        OutboundQueue queue = new OutboundQueue(2);
        queue.offer(Rows.message(Rows.trade("btcusdt", 1, 1)));
        queue.offer(Rows.message(Rows.ofi("btcusdt", 1, 1)));
        assertThat(queue.offer(Rows.message(Rows.ofi("ethusdt", 1, 1)))).isEqualTo(OutboundQueue.Offer.OVERFLOW);
    }

    private static List<String> texts(OutboundQueue queue) {
        List<String> texts = new ArrayList<>();
        for (LiveMessage m = queue.poll(); m != null; m = queue.poll()) {
            texts.add(m.text());
        }
        return texts;
    }
}
