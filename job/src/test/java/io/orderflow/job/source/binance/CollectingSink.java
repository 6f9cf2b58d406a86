package io.orderflow.job.source.binance;

import io.orderflow.core.model.MarketEvent;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Keeps what a MiniCluster job writes in this JVM, under a name, so a test can look at it while the
 * job runs and after it stopped with a savepoint (which {@code executeAndCollect} cannot).
 */
final class CollectingSink implements Sink<MarketEvent> {

    private static final Map<String, Queue<MarketEvent>> COLLECTED = new ConcurrentHashMap<>();
    /** Trades kept so far, to poll often without copying the queue. */
    private static final Map<String, AtomicLong> TRADES = new ConcurrentHashMap<>();

    private final String name;

    CollectingSink(String name) {
        this.name = name;
        COLLECTED.put(name, new ConcurrentLinkedQueue<>());
        TRADES.put(name, new AtomicLong());
    }

    static List<MarketEvent> collected(String name) {
        return List.copyOf(COLLECTED.get(name));
    }

    static long tradeCount(String name) {
        return TRADES.get(name).get();
    }

    @Override
    public SinkWriter<MarketEvent> createWriter(WriterInitContext context) {
        Queue<MarketEvent> queue = COLLECTED.get(name);
        AtomicLong trades = TRADES.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(MarketEvent event, Context context) {
                queue.add(event);
                if (event.isTrade()) {
                    trades.incrementAndGet();
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
