package io.orderflow.job.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Besides Flink's suite, the wire's edges. */
class TradeSerializerTest extends RecordSerializerTestBase<Trade> {

    TradeSerializerTest() {
        super(Trade.class, TradeSerializer.INSTANCE);
    }

    @Override
    protected Trade[] getTestData() {
        return new Trade[] {
            new Trade("BTCUSDT", 1_723_075_200_123L, 1_723_075_200_120L, 1_723_075_200_130L, 60_123.45, 0.001,
                    3_500_000_123L, TakerSide.BUY),
            new Trade("ETHUSDT", 0L, 0L, Long.MAX_VALUE, Double.MIN_VALUE, 1e12, 0L, TakerSide.SELL),
            new Trade("1000PEPEUSDT", 1L, 2L, 3L, 0.00001234, 123_456_789.5, 42L, TakerSide.SELL)
        };
    }

    @Test
    void aCorruptTakerSideIsAnErrorNotASide() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TradeSerializer.INSTANCE.serialize(getTestData()[0], out);
        byte[] bytes = out.getCopyOfBuffer();
        bytes[bytes.length - 1] = 0;
        assertThatThrownBy(() -> TradeSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessage("corrupt trade: taker side sign 0");
    }
}
