package io.orderflow.job.source.binance.reader;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.binance.BinanceSourceConfig;
import io.orderflow.job.source.binance.split.BinanceSplit;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader's connections, one per split, and the fetch side of their hand-off. The connections push
 * events into the {@link Handoff} from their processing threads; {@link #fetch()} drains it, waiting a
 * little when it is empty, so the fetcher thread neither spins nor stalls checkpoints. At the end
 * time of a bounded run every split finishes, after what was already handed off.
 */
final class BinanceSplitReader implements SplitReader<MarketEvent, BinanceSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceSplitReader.class);

    static final int MAX_RECORDS_PER_FETCH = 4096;
    static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final BinanceSourceConfig config;
    private final Handoff handoff;
    private final BinanceSourceMetrics metrics;
    private final int subtask;
    private final ExecutorService io;
    private final HttpClient http;
    private final ScheduledExecutorService supervisor;
    private final BinanceRestClient rest;
    private final Map<String, FeedConnection> connections = new ConcurrentHashMap<>();

    /** @param parallelism readers sharing the exchange's REST budget */
    BinanceSplitReader(BinanceSourceConfig config, Handoff handoff, BinanceSourceMetrics metrics, int subtask,
            int parallelism) {
        this.config = config;
        this.handoff = handoff;
        this.metrics = metrics;
        this.subtask = subtask;
        // Messages are processed here and may wait (hand-off room, REST): a pool that grows.
        this.io = Executors.newCachedThreadPool(daemonThreads("binance-io-" + subtask + "-"));
        this.http = HttpClient.newBuilder()
                .executor(io)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout())
                .build();
        this.supervisor = Executors.newSingleThreadScheduledExecutor(daemonThreads("binance-supervisor-" + subtask + "-"));
        this.rest = new BinanceRestClient(http, config.restBaseUrl(), config.market(), config.requestTimeout(),
                parallelism);
        long tickMs = tickMillis(config);
        supervisor.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public RecordsWithSplitIds<MarketEvent> fetch() {
        RecordsBySplits.Builder<MarketEvent> records = new RecordsBySplits.Builder<>();
        try {
            if (!connections.isEmpty() && System.currentTimeMillis() >= config.endTimeMs()) {
                finishAll(records);
            } else {
                handoff.drainTo(records, MAX_RECORDS_PER_FETCH, POLL_TIMEOUT);
            }
        } catch (InterruptedException e) {
            // The fetcher is shutting down; what was drained still goes out.
            Thread.currentThread().interrupt();
        }
        return records.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<BinanceSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("splits are only ever added, got " + change);
        }
        for (BinanceSplit split : change.splits()) {
            FeedConnection connection = new FeedConnection(split, config, http, supervisor, io, rest, handoff, metrics);
            connections.put(split.splitId(), connection);
            metrics.connection(split.splitId(), () -> handoff.size(split.splitId()));
            connection.start();
        }
    }

    @Override
    public void wakeUp() {
        handoff.wakeUp();
    }

    @Override
    public void close() {
        connections.values().forEach(FeedConnection::close);
        connections.clear();
        supervisor.shutdownNow();
        io.shutdownNow();
    }

    private void finishAll(RecordsBySplits.Builder<MarketEvent> records) throws InterruptedException {
        LOG.info("Reader {}: end time reached, closing {} connection(s)", subtask, connections.size());
        connections.values().forEach(FeedConnection::close);
        handoff.drainTo(records, Integer.MAX_VALUE, Duration.ZERO);
        records.addFinishedSplits(connections.keySet());
        connections.clear();
    }

    private void tick() {
        long now = System.nanoTime();
        for (FeedConnection connection : connections.values()) {
            try {
                connection.tick(now);
            } catch (RuntimeException e) {
                // An exception would cancel the periodic task, and with it every watchdog.
                LOG.error("Reader {}: connection check failed", subtask, e);
            }
        }
    }

    /** Often enough to notice silence or a missing acknowledgement within a tenth of its timeout. */
    static long tickMillis(BinanceSourceConfig config) {
        long shortest = Math.min(config.silenceTimeout().toMillis(), config.requestTimeout().toMillis());
        return Math.max(10, Math.min(1000, shortest / 10));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
