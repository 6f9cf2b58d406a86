package io.orderflow.source.enumerator;

import io.orderflow.source.split.MarketEnumeratorState;
import io.orderflow.source.split.MarketSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out a fixed set of splits, one per symbol, round robin over the readers: split i goes to
 * subtask {@code i % parallelism}. A reader gets all its splits in one {@code assignSplits} call
 * when it registers, then the signal that no more will come. Splits a failed reader gives back
 * return to that subtask when its replacement registers.
 */
public final class MarketSplitEnumerator implements SplitEnumerator<MarketSplit, MarketEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(MarketSplitEnumerator.class);

    private final SplitEnumeratorContext<MarketSplit> context;

    /** Splits waiting for their reader to register, by subtask. */
    private final Map<Integer, List<MarketSplit>> pending = new TreeMap<>();

    public MarketSplitEnumerator(SplitEnumeratorContext<MarketSplit> context, List<MarketSplit> unassigned) {
        this.context = context;
        int parallelism = context.currentParallelism();
        for (int i = 0; i < unassigned.size(); i++) {
            pendingFor(i % parallelism).add(unassigned.get(i));
        }
    }

    @Override
    public void start() {
        LOG.info("Embedded market: splits waiting for readers {}", pending);
    }

    @Override
    public void addReader(int subtaskId) {
        List<MarketSplit> splits = pending.remove(subtaskId);
        if (splits != null) {
            LOG.info("Assigning {} to reader {}", splits, subtaskId);
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, splits)));
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public void addSplitsBack(List<MarketSplit> splits, int subtaskId) {
        if (splits.isEmpty()) {
            return;
        }
        LOG.info("Reader {} gave back {}; they go to its replacement", subtaskId, splits);
        pendingFor(subtaskId).addAll(splits);
    }

    /** Splits are pushed on registration, so readers never need to ask. */
    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public MarketEnumeratorState snapshotState(long checkpointId) {
        List<MarketSplit> unassigned = new ArrayList<>();
        pending.values().forEach(unassigned::addAll);
        return new MarketEnumeratorState(unassigned);
    }

    @Override
    public void close() {}

    private List<MarketSplit> pendingFor(int subtaskId) {
        return pending.computeIfAbsent(subtaskId, id -> new ArrayList<>());
    }
}
