package io.orderflow.job.source.split;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A checkpoint serializer that reads exactly one version: subclasses only say how a value is
 * written and read. A different version is refused rather than guessed at.
 */
public abstract class SingleVersionSerializer<T> implements SimpleVersionedSerializer<T> {

    private final int version;

    protected SingleVersionSerializer(int version) {
        this.version = version;
    }

    @Override
    public final int getVersion() {
        return version;
    }

    @Override
    public final byte[] serialize(T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(value, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public final T deserialize(int serializedVersion, byte[] serialized) throws IOException {
        if (serializedVersion != version) {
            throw new IOException("unknown serialisation version " + serializedVersion
                    + ", this code reads " + version);
        }
        return read(new DataInputDeserializer(serialized));
    }

    protected abstract void write(T value, DataOutputView out) throws IOException;

    protected abstract T read(DataInputView in) throws IOException;
}
