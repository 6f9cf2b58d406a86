package io.orderflow.job.serde;

import io.orderflow.core.model.OfiRow;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Serializes an {@link OfiRow}: one per book update, to the Parquet sink and to fusion. The regime may be null. */
public final class OfiRowSerializer extends RecordSerializer<OfiRow> {

    private static final long serialVersionUID = 1L;

    public static final OfiRowSerializer INSTANCE = new OfiRowSerializer();

    /** The field layout, for {@link RecordSerializerSnapshot}: 2 since best bid, best ask and ofi_l1 follow std_zero. */
    private static final int FORMAT = 2;

    @Override
    public void serialize(OfiRow row, DataOutputView out) throws IOException {
        out.writeLong(row.tsMs());
        StringValue.writeString(row.symbol(), out);
        out.writeDouble(row.ofiValue());
        out.writeDouble(row.ofiZ());
        out.writeDouble(row.scale());
        StringValue.writeString(row.regime(), out);
        out.writeDouble(row.ofiEma());
        out.writeBoolean(row.warmup());
        out.writeBoolean(row.stdZero());
        out.writeDouble(row.bestBid());
        out.writeDouble(row.bestAsk());
        out.writeDouble(row.ofiL1());
    }

    @Override
    public OfiRow deserialize(DataInputView in) throws IOException {
        return new OfiRow(
                in.readLong(),
                StringValue.readString(in),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                StringValue.readString(in),
                in.readDouble(),
                in.readBoolean(),
                in.readBoolean(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble());
    }

    @Override
    public TypeSerializerSnapshot<OfiRow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends RecordSerializerSnapshot<OfiRow> {
        public Snapshot() {
            super(() -> INSTANCE, FORMAT);
        }
    }

    /** Maps {@link OfiRow} to this serializer, see {@link RecordTypes}. */
    public static final class TypeInfoFactory extends org.apache.flink.api.common.typeinfo.TypeInfoFactory<OfiRow> {
        @Override
        public TypeInformation<OfiRow> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(OfiRow.class, INSTANCE);
        }
    }
}
