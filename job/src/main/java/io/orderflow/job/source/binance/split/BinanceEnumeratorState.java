package io.orderflow.job.source.binance.split;

import java.util.List;

/**
 * What the enumerator checkpoints: the splits no reader holds yet. Assigned splits are checkpointed
 * by their readers, with their last trade ids.
 */
public record BinanceEnumeratorState(List<BinanceSplit> unassignedSplits) {

    public BinanceEnumeratorState {
        unassignedSplits = List.copyOf(unassignedSplits);
    }
}
