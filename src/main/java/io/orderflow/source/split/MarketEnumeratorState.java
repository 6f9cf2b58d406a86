package io.orderflow.source.split;

import java.util.List;

/**
 * What the enumerator checkpoints: the splits no reader holds yet. Assigned splits are checkpointed
 * by their readers, with their progress.
 */
public record MarketEnumeratorState(List<MarketSplit> unassignedSplits) {

    public MarketEnumeratorState {
        unassignedSplits = List.copyOf(unassignedSplits);
    }
}
