package io.orderflow.source.split;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Serialises a {@link MarketSplit} for checkpoints (reader state). */
public final class MarketSplitSerializer implements SimpleVersionedSerializer<MarketSplit> {

    public static final MarketSplitSerializer INSTANCE = new MarketSplitSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(MarketSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public MarketSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        return read(new DataInputDeserializer(serialized));
    }

    static void write(MarketSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.symbol());
        out.writeLong(split.seed());
        out.writeLong(split.startTimeMs());
        out.writeLong(split.eventsEmitted());
    }

    static MarketSplit read(DataInputView in) throws IOException {
        return new MarketSplit(in.readUTF(), in.readLong(), in.readLong(), in.readLong());
    }

    static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "unknown serialisation version " + version + ", this code reads " + VERSION);
        }
    }
}
