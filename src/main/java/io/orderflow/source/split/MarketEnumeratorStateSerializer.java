package io.orderflow.source.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Serialises a {@link MarketEnumeratorState}: a count, then the splits as a split is written. */
public final class MarketEnumeratorStateSerializer
        implements SimpleVersionedSerializer<MarketEnumeratorState> {

    public static final MarketEnumeratorStateSerializer INSTANCE = new MarketEnumeratorStateSerializer();

    /** The state is made of splits, so it changes format exactly when a split does. */
    @Override
    public int getVersion() {
        return MarketSplitSerializer.INSTANCE.getVersion();
    }

    @Override
    public byte[] serialize(MarketEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.unassignedSplits().size());
        for (MarketSplit split : state.unassignedSplits()) {
            MarketSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public MarketEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        MarketSplitSerializer.checkVersion(version);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<MarketSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(MarketSplitSerializer.read(in));
        }
        return new MarketEnumeratorState(splits);
    }
}
