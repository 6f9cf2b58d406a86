package io.orderflow.job.serde;

import io.orderflow.core.model.PriceRow;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Serializes a {@link PriceRow}: one per trade, on its way to the Parquet sink. */
public final class PriceRowSerializer extends RecordSerializer<PriceRow> {

    private static final long serialVersionUID = 1L;

    public static final PriceRowSerializer INSTANCE = new PriceRowSerializer();

    @Override
    public void serialize(PriceRow row, DataOutputView out) throws IOException {
        out.writeLong(row.tsMs());
        out.writeLong(row.eventTsMs());
        StringValue.writeString(row.symbol(), out);
        out.writeDouble(row.price());
        out.writeDouble(row.qty());
        out.writeLong(row.aggTradeId());
        out.writeLong(row.latencyMs());
        out.writeDouble(row.recvRateTps());
    }

    @Override
    public PriceRow deserialize(DataInputView in) throws IOException {
        return new PriceRow(
                in.readLong(),
                in.readLong(),
                StringValue.readString(in),
                in.readDouble(),
                in.readDouble(),
                in.readLong(),
                in.readLong(),
                in.readDouble());
    }

    @Override
    public TypeSerializerSnapshot<PriceRow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends RecordSerializerSnapshot<PriceRow> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Maps {@link PriceRow} to this serializer, see {@link RecordTypes}. */
    public static final class TypeInfoFactory extends org.apache.flink.api.common.typeinfo.TypeInfoFactory<PriceRow> {
        @Override
        public TypeInformation<PriceRow> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(PriceRow.class, INSTANCE);
        }
    }
}
