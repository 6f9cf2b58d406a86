package io.orderflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ListeningTest {

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Test
    void aFullQueueDropsAndCountsTheRowsOfItsTypeOnly() throws Exception {
        List<Kline> seen = new CopyOnWriteArrayList<>();
        Listening listening = new Listening(Kline.class, seen::add, 2, "test-listener", warnings::add);
        // not started yet: nothing leaves the queue
        assertThat(listening.offer(Bars1m.closed(1))).isTrue();
        assertThat(listening.offer(new Trade(0, 0, "BTCUSDT", 1, 1, 1, 0, 0))).as("not its type: not queued").isTrue();
        assertThat(listening.offer(Bars1m.closed(2))).isTrue();
        assertThat(listening.offer(Bars1m.closed(3))).isFalse();
        assertThat(listening.droppedRows()).isEqualTo(1);
        listening.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly(Bars1m.closed(1), Bars1m.closed(2));
        listening.close();
        assertThat(listening.join(20_000)).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aListenerThatThrowsIsReportedAndGetsTheNextRow() throws Exception {
        List<Row> seen = new CopyOnWriteArrayList<>();
        Listening listening = new Listening(Row.class, row -> {
            seen.add(row);
            if (seen.size() == 1) {
                throw new IllegalStateException("bad row");
            }
        }, 10, "test-listener", warnings::add);
        listening.start();
        listening.offer(Bars1m.closed(1));
        listening.offer(Bars1m.closed(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 2);
        assertThat(warnings).containsExactly("listener test-listener threw on " + Bars1m.closed(1)
                + ": java.lang.IllegalStateException: bad row");
        listening.close();
        assertThat(listening.join(20_000)).isTrue();
    }
}
