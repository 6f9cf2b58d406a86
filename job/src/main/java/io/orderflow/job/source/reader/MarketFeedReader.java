package io.orderflow.job.source.reader;

import io.orderflow.core.feed.MarketFeed;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.split.FeedSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Reads splits whose events come from a {@link MarketFeed} (a simulator, a recording) in the task
 * thread: a feed never blocks for long, so no fetcher thread is needed. The reader's splits are
 * merged by next event time, so its output is in event-time order; each split emits through its
 * own output, so watermarks are per split. A split is checkpointed as the number of events it has
 * emitted: restored, its feed is opened again and skipped that far.
 *
 * <p>Paced, an event is emitted once the wall clock reaches it; until then {@link #pollNext}
 * returns {@link InputStatus#NOTHING_AVAILABLE} and a timer completes {@link #isAvailable()} when
 * the event is due, so the task neither spins nor sleeps.
 */
public final class MarketFeedReader<S extends FeedSplit<S>> implements SourceReader<MarketEvent, S> {

    private static final Logger LOG = LoggerFactory.getLogger(MarketFeedReader.class);

    /** Bounds one poll, so checkpoints and other mailbox work get a turn when unpaced. */
    public static final int MAX_EVENTS_PER_POLL = 256;

    private final SourceReaderContext context;
    private final FeedOpener<S> feeds;
    private final Playback playback;
    private final PriorityQueue<SplitCursor<S>> cursors = new PriorityQueue<>(SplitCursor.BY_NEXT_EVENT);
    private final RealTimePacer pacer;
    private final ScheduledExecutorService timer;
    private boolean noMoreSplits;
    private CompletableFuture<Void> availability = CompletableFuture.completedFuture(null);

    public MarketFeedReader(SourceReaderContext context, FeedOpener<S> feeds, Playback playback) {
        this.context = context;
        this.feeds = feeds;
        this.playback = playback;
        this.pacer = playback.paced() ? new RealTimePacer(playback.speed()) : null;
        this.timer = playback.paced()
                ? Executors.newSingleThreadScheduledExecutor(new ExecutorThreadFactory(
                        "market-feed-pacer-" + context.getIndexOfSubtask()))
                : null;
    }

    /** Splits are pushed by the enumerator when this reader registers. */
    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<MarketEvent> output) {
        for (int i = 0; i < MAX_EVENTS_PER_POLL; i++) {
            SplitCursor<S> head = cursors.peek();
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
    public void addSplits(List<S> splits) {
        for (S split : splits) {
            long startNanos = System.nanoTime();
            SplitCursor<S> cursor = new SplitCursor<>(split, open(split), playback);
            LOG.info("Reader {} took {}: skipped {} events already emitted in {} ms",
                    context.getIndexOfSubtask(), split.splitId(), split.eventsEmitted(),
                    (System.nanoTime() - startNanos) / 1_000_000);
            if (cursor.isExhausted()) {
                LOG.info("Split {} has nothing left to emit", split.splitId());
                cursor.close();
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
    public List<S> snapshotState(long checkpointId) {
        List<S> state = new ArrayList<>(cursors.size());
        for (SplitCursor<S> cursor : cursors) {
            state.add(cursor.toSplit());
        }
        return state;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        cursors.forEach(SplitCursor::close);
    }

    private MarketFeed open(S split) {
        try {
            return feeds.open(split);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the feed of split " + split.splitId(), e);
        }
    }

    private void finish(SplitCursor<S> cursor, ReaderOutput<MarketEvent> output) {
        output.releaseOutputForSplit(cursor.splitId());
        cursor.close();
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
