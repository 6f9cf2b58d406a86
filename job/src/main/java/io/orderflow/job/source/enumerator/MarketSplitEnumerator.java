package io.orderflow.job.source.enumerator;

import io.orderflow.job.source.split.MarketEnumeratorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out a fixed set of splits (a symbol's market, a recording) round robin over the readers:
 * split i goes to subtask {@code i % parallelism}. A reader gets all its splits in one
 * {@code assignSplits} call when it registers, then the signal that no more will come: the set
 * never grows. Splits a failed reader gives back return to that subtask when its replacement
 * registers.
 */
public final class MarketSplitEnumerator<S extends SourceSplit>
        implements SplitEnumerator<S, MarketEnumeratorState<S>> {

    private static final Logger LOG = LoggerFactory.getLogger(MarketSplitEnumerator.class);

    private final SplitEnumeratorContext<S> context;

    /** Splits waiting for their reader to register, by subtask. */
    private final Map<Integer, List<S>> pending = new TreeMap<>();

    public MarketSplitEnumerator(SplitEnumeratorContext<S> context, List<S> unassigned) {
        this.context = context;
        int parallelism = context.currentParallelism();
        for (int i = 0; i < unassigned.size(); i++) {
            pendingFor(i % parallelism).add(unassigned.get(i));
        }
    }

    @Override
    public void start() {
        pending.forEach((subtask, splits) -> LOG.info("{} splits wait for reader {}: {}", splits.size(), subtask, ids(splits)));
    }

    @Override
    public void addReader(int subtaskId) {
        List<S> splits = pending.remove(subtaskId);
        if (splits != null) {
            LOG.info("Assigning {} splits to reader {}: {}", splits.size(), subtaskId, ids(splits));
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, splits)));
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public void addSplitsBack(List<S> splits, int subtaskId) {
        if (splits.isEmpty()) {
            return;
        }
        LOG.info("Reader {} gave back {}; they go to its replacement", subtaskId, ids(splits));
        pendingFor(subtaskId).addAll(splits);
    }

    /** Splits are pushed on registration, so readers never need to ask. */
    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public MarketEnumeratorState<S> snapshotState(long checkpointId) {
        List<S> unassigned = new ArrayList<>();
        pending.values().forEach(unassigned::addAll);
        return new MarketEnumeratorState<>(unassigned);
    }

    @Override
    public void close() {}

    private List<S> pendingFor(int subtaskId) {
        return pending.computeIfAbsent(subtaskId, id -> new ArrayList<>());
    }

    /** Split ids, not whole splits: a replay of many files would otherwise log screens of paths. */
    private static String ids(List<? extends SourceSplit> splits) {
        return splits.stream().map(SourceSplit::splitId).collect(Collectors.joining(", ", "[", "]"));
    }
}
