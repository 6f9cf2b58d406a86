package io.orderflow.job.serde;

import io.orderflow.core.model.CvdRow;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Serializes a {@link CvdRow}: one per trade, to the Parquet sink and to fusion. The regime may be null. */
public final class CvdRowSerializer extends RecordSerializer<CvdRow> {

    private static final long serialVersionUID = 1L;

    public static final CvdRowSerializer INSTANCE = new CvdRowSerializer();

    /** The field layout, for {@link RecordSerializerSnapshot}: 2 since the trade id follows the symbol. */
    private static final int FORMAT = 2;

    @Override
    public void serialize(CvdRow row, DataOutputView out) throws IOException {
        out.writeLong(row.tsMs());
        StringValue.writeString(row.symbol(), out);
        out.writeLong(row.aggTradeId());
        out.writeDouble(row.cvd());
        out.writeDouble(row.delta());
        out.writeDouble(row.zRaw());
        out.writeDouble(row.zCvd());
        out.writeDouble(row.scale());
        out.writeDouble(row.sigmaFloor());
        out.writeBoolean(row.floorUsed());
        StringValue.writeString(row.regime(), out);
    }

    @Override
    public CvdRow deserialize(DataInputView in) throws IOException {
        return new CvdRow(
                in.readLong(),
                StringValue.readString(in),
                in.readLong(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readBoolean(),
                StringValue.readString(in));
    }

    @Override
    public TypeSerializerSnapshot<CvdRow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends RecordSerializerSnapshot<CvdRow> {
        public Snapshot() {
            super(() -> INSTANCE, FORMAT);
        }
    }

    /** Maps {@link CvdRow} to this serializer, see {@link RecordTypes}. */
    public static final class TypeInfoFactory extends org.apache.flink.api.common.typeinfo.TypeInfoFactory<CvdRow> {
        @Override
        public TypeInformation<CvdRow> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(CvdRow.class, INSTANCE);
        }
    }
}
