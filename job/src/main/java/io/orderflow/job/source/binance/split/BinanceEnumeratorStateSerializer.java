package io.orderflow.job.source.binance.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Serialises a {@link BinanceEnumeratorState}: a count, then the splits as a split is written. */
public final class BinanceEnumeratorStateSerializer implements SimpleVersionedSerializer<BinanceEnumeratorState> {

    public static final BinanceEnumeratorStateSerializer INSTANCE = new BinanceEnumeratorStateSerializer();

    /** The state is made of splits, so it changes format exactly when a split does. */
    @Override
    public int getVersion() {
        return BinanceSplitSerializer.INSTANCE.getVersion();
    }

    @Override
    public byte[] serialize(BinanceEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(state.unassignedSplits().size());
        for (BinanceSplit split : state.unassignedSplits()) {
            BinanceSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public BinanceEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        BinanceSplitSerializer.checkVersion(version);
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<BinanceSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(BinanceSplitSerializer.read(in));
        }
        return new BinanceEnumeratorState(splits);
    }
}
