package io.orderflow.job.serde;

import io.orderflow.job.live.LiveRow;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Serializes a {@link LiveRow}: one per row of every live kind, on its way to the live sequencer. */
public final class LiveRowSerializer extends RecordSerializer<LiveRow> {

    private static final long serialVersionUID = 1L;

    public static final LiveRowSerializer INSTANCE = new LiveRowSerializer();

    @Override
    public void serialize(LiveRow row, DataOutputView out) throws IOException {
        StringValue.writeString(row.stream(), out);
        StringValue.writeString(row.data(), out);
    }

    @Override
    public LiveRow deserialize(DataInputView in) throws IOException {
        return new LiveRow(StringValue.readString(in), StringValue.readString(in));
    }

    @Override
    public TypeSerializerSnapshot<LiveRow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends RecordSerializerSnapshot<LiveRow> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Maps {@link LiveRow} to this serializer, see {@link RecordTypes}. */
    public static final class TypeInfoFactory extends org.apache.flink.api.common.typeinfo.TypeInfoFactory<LiveRow> {
        @Override
        public TypeInformation<LiveRow> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(LiveRow.class, INSTANCE);
        }
    }
}
