package io.orderflow.job.source.binance.enumerator;

import io.orderflow.job.source.binance.split.BinanceEnumeratorState;
import io.orderflow.job.source.binance.split.BinanceSplit;
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
 * Hands out a fixed set of connection splits, round robin over the readers: split i goes to subtask
 * {@code i % parallelism}. A reader gets all its splits in one {@code assignSplits} call when it
 * registers (one call per split would make it reconnect once per split). Splits a failed reader
 * gives back return to that subtask when its replacement registers. Only a bounded run tells the
 * readers that no more splits will come: an unbounded reader without splits must not finish, or
 * a restored job could not hand it any.
 */
public final class BinanceSplitEnumerator implements SplitEnumerator<BinanceSplit, BinanceEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceSplitEnumerator.class);

    private final SplitEnumeratorContext<BinanceSplit> context;
    private final boolean bounded;

    /** Splits waiting for their reader to register, by subtask. */
    private final Map<Integer, List<BinanceSplit>> pending = new TreeMap<>();

    public BinanceSplitEnumerator(
            SplitEnumeratorContext<BinanceSplit> context, List<BinanceSplit> unassigned, boolean bounded) {
        this.context = context;
        this.bounded = bounded;
        int parallelism = context.currentParallelism();
        for (int i = 0; i < unassigned.size(); i++) {
            pendingFor(i % parallelism).add(unassigned.get(i));
        }
    }

    @Override
    public void start() {
        LOG.info("Binance source: connections waiting for readers {}", pending);
    }

    @Override
    public void addReader(int subtaskId) {
        List<BinanceSplit> splits = pending.remove(subtaskId);
        if (splits != null) {
            LOG.info("Assigning {} connection(s) to reader {}: {}", splits.size(), subtaskId,
                    splits.stream().map(BinanceSplit::splitId).toList());
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, splits)));
        }
        if (bounded) {
            context.signalNoMoreSplits(subtaskId);
        }
    }

    @Override
    public void addSplitsBack(List<BinanceSplit> splits, int subtaskId) {
        if (splits.isEmpty()) {
            return;
        }
        LOG.info("Reader {} gave back {}; they go to its replacement", subtaskId,
                splits.stream().map(BinanceSplit::splitId).toList());
        pendingFor(subtaskId).addAll(splits);
    }

    /** Splits are pushed on registration, so readers never need to ask. */
    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public BinanceEnumeratorState snapshotState(long checkpointId) {
        List<BinanceSplit> unassigned = new ArrayList<>();
        pending.values().forEach(unassigned::addAll);
        return new BinanceEnumeratorState(unassigned);
    }

    @Override
    public void close() {}

    private List<BinanceSplit> pendingFor(int subtaskId) {
        return pending.computeIfAbsent(subtaskId, id -> new ArrayList<>());
    }
}
