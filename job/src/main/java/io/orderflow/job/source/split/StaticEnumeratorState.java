package io.orderflow.job.source.split;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * What the enumerator checkpoints: the splits no reader holds yet. Assigned splits are checkpointed
 * by their readers, with their progress.
 */
public record StaticEnumeratorState<S extends SourceSplit>(List<S> unassignedSplits) {

    public StaticEnumeratorState {
        unassignedSplits = List.copyOf(unassignedSplits);
    }
}
