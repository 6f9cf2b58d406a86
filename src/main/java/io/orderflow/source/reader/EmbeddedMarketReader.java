package io.orderflow.source.reader;

import io.orderflow.model.MarketEvent;
import io.orderflow.source.EmbeddedMarketConfig;
import io.orderflow.source.split.MarketSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.util.concurrent.ExecutorThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads embedded-market splits by running their simulators in the task thread: a generator never
 * blocks, so no fetcher thread is needed. The reader's splits are merged by next event time, so
 * its output is in event-time order; each split emits through its own output, so watermarks are
 * per symbol.
 *
 * <p>Paced, an event is emitted once the wall clock reaches it; until then {@link #pollNext}
 * returns {@link InputStatus#NOTHING_AVAILABLE} and a timer completes {@link #isAvailable()} when
 * the event is due, so the task neither spins nor sleeps.
 */
public final class EmbeddedMarketReader implements SourceReader<MarketEvent, MarketSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMarketReader.class);

    /** Bounds one poll, so checkpoints and other mailbox work get a turn when unpaced. */
    static final int MAX_EVENTS_PER_POLL = 256;

    private final SourceReaderContext context;
    private final EmbeddedMarketConfig config;
    private final PriorityQueue<SplitCursor> cursors = new PriorityQueue<>(SplitCursor.BY_NEXT_EVENT);
    private final RealTimePacer pacer;
    private final ScheduledExecutorService timer;
    private boolean noMoreSplits;
    private CompletableFuture<Void> availability = CompletableFuture.completedFuture(null);

    public EmbeddedMarketReader(SourceReaderContext context, EmbeddedMarketConfig config) {
        this.context = context;
        this.config = config;
        this.pacer = config.paced() ? new RealTimePacer(config.speed()) : null;
        this.timer = config.paced()
                ? Executors.newSingleThreadScheduledExecutor(new ExecutorThreadFactory(
                        "embedded-market-pacer-" + context.getIndexOfSubtask()))
                : null;
    }

    /** Splits are pushed by the enumerator when this reader registers. */
    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<MarketEvent> output) {
        for (int i = 0; i < MAX_EVENTS_PER_POLL; i++) {
            SplitCursor head = cursors.peek();
            if (head == null && noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
            if (head == null) {
                return nothingAvailableUntil(new CompletableFuture<>());
            }
            if (pacer != null) {
                long waitNanos = pacer.nanosUntilDue(head.nextEventTimeMs());
                if (waitNanos > 0) {
                    return nothingAvailableUntil(completionAfter(waitNanos));
                }
            }
            cursors.poll();
            head.emitNext(output);
            if (head.isExhausted()) {
                finish(head, output);
            } else {
                cursors.add(head);
            }
        }
        return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return availability;
    }

    @Override
    public void addSplits(List<MarketSplit> splits) {
        for (MarketSplit split : splits) {
            long startNanos = System.nanoTime();
            SplitCursor cursor = new SplitCursor(split, config);
            LOG.info("Reader {} took {}: skipped {} events already emitted in {} ms",
                    context.getIndexOfSubtask(), split.symbol(), split.eventsEmitted(),
                    (System.nanoTime() - startNanos) / 1_000_000);
            if (cursor.isExhausted()) {
                LOG.info("Split {} has nothing left to emit", split.symbol());
            } else {
                cursors.add(cursor);
            }
        }
        availability.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        availability.complete(null);
    }

    @Override
    public List<MarketSplit> snapshotState(long checkpointId) {
        List<MarketSplit> state = new ArrayList<>(cursors.size());
        for (SplitCursor cursor : cursors) {
            state.add(cursor.toSplit());
        }
        return state;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void finish(SplitCursor cursor, ReaderOutput<MarketEvent> output) {
        output.releaseOutputForSplit(cursor.splitId());
        LOG.info("Split {} finished after {} events", cursor.splitId(), cursor.emitted());
    }

    private CompletableFuture<Void> completionAfter(long delayNanos) {
        CompletableFuture<Void> due = new CompletableFuture<>();
        timer.schedule(() -> due.complete(null), delayNanos, TimeUnit.NANOSECONDS);
        return due;
    }

    /** The future is completed by the timer, or by the arrival of splits or of the end signal. */
    private InputStatus nothingAvailableUntil(CompletableFuture<Void> future) {
        availability = future;
        return InputStatus.NOTHING_AVAILABLE;
    }
}
