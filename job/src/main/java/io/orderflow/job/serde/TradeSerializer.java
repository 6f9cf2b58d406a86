package io.orderflow.job.serde;

import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Serializes a {@link Trade}: the source hands every trade to the trade operators through it. */
public final class TradeSerializer extends RecordSerializer<Trade> {

    private static final long serialVersionUID = 1L;

    public static final TradeSerializer INSTANCE = new TradeSerializer();

    @Override
    public void serialize(Trade trade, DataOutputView out) throws IOException {
        StringValue.writeString(trade.symbol(), out);
        out.writeLong(trade.eventTimeMs());
        out.writeLong(trade.tradeTimeMs());
        out.writeLong(trade.receiveTimeMs());
        out.writeDouble(trade.price());
        out.writeDouble(trade.qty());
        out.writeLong(trade.tradeId());
        out.writeByte(trade.takerSide().sign());
    }

    @Override
    public Trade deserialize(DataInputView in) throws IOException {
        return new Trade(
                StringValue.readString(in),
                in.readLong(),
                in.readLong(),
                in.readLong(),
                in.readDouble(),
                in.readDouble(),
                in.readLong(),
                side(in.readByte()));
    }

    /** The taker side from its volume sign, as written. */
    private static TakerSide side(byte sign) throws IOException {
        return switch (sign) {
            case 1 -> TakerSide.BUY;
            case -1 -> TakerSide.SELL;
            default -> throw new IOException("corrupt trade: taker side sign " + sign);
        };
    }

    @Override
    public TypeSerializerSnapshot<Trade> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends RecordSerializerSnapshot<Trade> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Maps {@link Trade} to this serializer, see {@link RecordTypes}. */
    public static final class TypeInfoFactory extends org.apache.flink.api.common.typeinfo.TypeInfoFactory<Trade> {
        @Override
        public TypeInformation<Trade> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(Trade.class, INSTANCE);
        }
    }
}
