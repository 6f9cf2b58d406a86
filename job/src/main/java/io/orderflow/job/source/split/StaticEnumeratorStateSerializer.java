package io.orderflow.job.source.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serialises a {@link StaticEnumeratorState}: a count, then each split with its own serializer's
 * version, so the state stays readable when only the split format changes.
 */
public final class StaticEnumeratorStateSerializer<S extends SourceSplit>
        extends SingleVersionSerializer<StaticEnumeratorState<S>> {

    /** Version 1 wrote embedded-market splits bare, without their version. */
    private static final int VERSION = 2;

    private final SimpleVersionedSerializer<S> splitSerializer;

    public StaticEnumeratorStateSerializer(SimpleVersionedSerializer<S> splitSerializer) {
        super(VERSION);
        this.splitSerializer = splitSerializer;
    }

    @Override
    protected void write(StaticEnumeratorState<S> state, DataOutputView out) throws IOException {
        out.writeInt(state.unassignedSplits().size());
        for (S split : state.unassignedSplits()) {
            SimpleVersionedSerialization.writeVersionAndSerialize(splitSerializer, split, out);
        }
    }

    @Override
    protected StaticEnumeratorState<S> read(DataInputView in) throws IOException {
        int count = in.readInt();
        List<S> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(SimpleVersionedSerialization.readVersionAndDeSerialize(splitSerializer, in));
        }
        return new StaticEnumeratorState<>(splits);
    }
}
