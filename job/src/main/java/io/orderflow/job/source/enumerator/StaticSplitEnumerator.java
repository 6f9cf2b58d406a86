package io.orderflow.job.source.enumerator;

import io.orderflow.job.source.split.StaticEnumeratorState;
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
 * Hands out a fixed set of splits (a symbol's market, a recording, a Binance connection) round robin
 * over the readers: split i goes to subtask {@code i % parallelism}. A reader gets all its splits in
 * one {@code assignSplits} call when it registers (one call per split would make a Binance reader
 * reconnect once per split). Splits a failed reader gives back return to that subtask when its
 * replacement registers. The set never grows; whether readers are told so depends on the source
 * (see the constructor).
 */
public final class StaticSplitEnumerator<S extends SourceSplit>
        implements SplitEnumerator<S, StaticEnumeratorState<S>> {

    private static final Logger LOG = LoggerFactory.getLogger(StaticSplitEnumerator.class);

    private final SplitEnumeratorContext<S> context;
    private final boolean readersMayFinish;

    /** Splits waiting for their reader to register, by subtask. */
    private final Map<Integer, List<S>> pending = new TreeMap<>();

    /**
     * @param readersMayFinish whether a reader is told, once it has its splits, that no more will
     *     come, so that it finishes when they end. An unbounded live source says no: a reader without
     *     splits must stay, or a job restored with them could not hand it any.
     */
    public StaticSplitEnumerator(SplitEnumeratorContext<S> context, List<S> unassigned, boolean readersMayFinish) {
        this.context = context;
        this.readersMayFinish = readersMayFinish;
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
        if (readersMayFinish) {
            context.signalNoMoreSplits(subtaskId);
        }
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
    public StaticEnumeratorState<S> snapshotState(long checkpointId) {
        List<S> unassigned = new ArrayList<>();
        pending.values().forEach(unassigned::addAll);
        return new StaticEnumeratorState<>(unassigned);
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
