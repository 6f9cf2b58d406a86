package io.orderflow.source.reader;

import io.orderflow.model.MarketEvent;
import io.orderflow.source.EmbeddedMarketConfig;
import io.orderflow.source.market.MarketSimulator;
import io.orderflow.source.split.MarketSplit;
import java.util.Comparator;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;

/**
 * A split being read: its simulator, the next event it will emit (looked at ahead so splits can be
 * merged by time), how many it has emitted, and its own output, so watermarks are per symbol.
 */
final class SplitCursor {

    /** Earliest next event first; symbols break ties so the merged order is deterministic. */
    static final Comparator<SplitCursor> BY_NEXT_EVENT =
            Comparator.comparingLong(SplitCursor::nextEventTimeMs).thenComparing(SplitCursor::splitId);

    private final MarketSplit split;
    private final MarketSimulator simulator;
    private final long maxEvents;
    private final long endTimeMs;
    private long emitted;
    private MarketEvent next;
    private SourceOutput<MarketEvent> output;

    /** Re-creates the split's market and skips the events it had already emitted. */
    SplitCursor(MarketSplit split, EmbeddedMarketConfig config) {
        this.split = split;
        this.simulator = new MarketSimulator(split.symbol(), split.seed(), split.startTimeMs(),
                config.eventsPerSecondPerSymbol(), config.bookLevels());
        this.maxEvents = config.maxEventsPerSymbol();
        this.endTimeMs = config.endTimeMs();
        this.emitted = split.eventsEmitted();
        simulator.skip(emitted);
        lookAhead();
    }

    String splitId() {
        return split.splitId();
    }

    boolean isExhausted() {
        return next == null;
    }

    /** Only meaningful while not exhausted. */
    long nextEventTimeMs() {
        return next.eventTimeMs();
    }

    /** Emits the next event on this split's output, with its event time as the record timestamp. */
    void emitNext(ReaderOutput<MarketEvent> readerOutput) {
        if (output == null) {
            output = readerOutput.createOutputForSplit(splitId());
        }
        output.collect(next, next.eventTimeMs());
        emitted++;
        lookAhead();
    }

    long emitted() {
        return emitted;
    }

    MarketSplit toSplit() {
        return split.withEventsEmitted(emitted);
    }

    private void lookAhead() {
        boolean countReached = maxEvents > 0 && emitted >= maxEvents;
        next = countReached ? null : simulator.next();
        if (next != null && next.eventTimeMs() >= endTimeMs) {
            next = null;
        }
    }
}
