package io.orderflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRegistryTest {

    private final ServerMetrics metrics = new ServerMetrics();
    private final StreamRegistry registry = new StreamRegistry(100, metrics, java.util.Map.of());

    @Test
    void dropsRowsNotAboveTheStreamsLastSeqAndCountsThem() {
        assertThat(registry.ingest(Rows.trade("btcusdt", 1, 10), 0)).isEqualTo(StreamRegistry.Ingested.ACCEPTED);
        assertThat(registry.ingest(Rows.trade("btcusdt", 2, 20), 0)).isEqualTo(StreamRegistry.Ingested.ACCEPTED);
        assertThat(registry.ingest(Rows.trade("btcusdt", 2, 20), 0)).isEqualTo(StreamRegistry.Ingested.STALE);
        assertThat(registry.ingest(Rows.trade("btcusdt", 1, 10), 0)).isEqualTo(StreamRegistry.Ingested.STALE);
        assertThat(registry.ingest(Rows.trade("ethusdt", 1, 10), 0)).as("seqs are per stream").isEqualTo(StreamRegistry.Ingested.ACCEPTED);
        assertThat(registry.ingest("garbage", 0)).isEqualTo(StreamRegistry.Ingested.BAD);

        assertThat(metrics.rowsIn.sum()).isEqualTo(3);
        assertThat(metrics.staleRows.sum()).isEqualTo(2);
        assertThat(metrics.badMessages.sum()).isEqualTo(1);
        assertThat(registry.find("btcusdt@trade").latest().seq()).isEqualTo(2);
    }

    @Test
    void aSubscriberGetsTheLatestRowThenEachNewOneOnce() {
        registry.ingest(Rows.trade("btcusdt", 1, 10), 0);
        registry.ingest(Rows.trade("btcusdt", 2, 20), 0);
        List<Long> received = new ArrayList<>();
        Subscriber subscriber = m -> received.add(m.seq());
        LiveStream stream = registry.stream("btcusdt@trade");
        stream.subscribe(subscriber);
        stream.subscribe(subscriber); // again: no second copy
        registry.ingest(Rows.trade("btcusdt", 3, 30), 0);
        registry.ingest(Rows.trade("btcusdt", 3, 30), 0);
        registry.ingest(Rows.trade("ethusdt", 1, 30), 0);
        stream.unsubscribe(subscriber);
        registry.ingest(Rows.trade("btcusdt", 4, 40), 0);

        assertThat(received).containsExactly(2L, 3L);
    }

    @Test
    void aStreamSubscribedBeforeItsFirstRowGetsThatRow() {
        List<Long> received = new ArrayList<>();
        registry.stream("btcusdt@ofi").subscribe(m -> received.add(m.seq()));
        registry.ingest(Rows.ofi("btcusdt", 5, 10), 0);
        assertThat(received).containsExactly(5L);
    }

    @Test
    void subscribersCannotAddStreamsBeyondTheCapButIngestCan() {
        for (int i = 0; i < StreamRegistry.MAX_STREAMS; i++) {
            assertThat(registry.streamForSubscriber("s" + i + "@trade")).isNotNull();
        }
        assertThat(registry.streamForSubscriber("s0@trade")).as("a known stream still").isNotNull();
        assertThat(registry.streamForSubscriber("new@trade")).isNull();
        assertThat(registry.ingest(Rows.trade("new", 1, 1), 0)).isEqualTo(StreamRegistry.Ingested.ACCEPTED);
        assertThat(registry.streamForSubscriber("new@trade")).isNotNull();
    }
}
