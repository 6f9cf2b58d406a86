package io.orderflow.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.PriceRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/** Flink's serializer suite: copy, round trips, snapshot and restore, duplicates, threads. */
class PriceRowSerializerTest extends SerializerTestBase<PriceRow> {

    @Override
    protected TypeSerializer<PriceRow> createSerializer() {
        return new PriceRowSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<PriceRow> getTypeClass() {
        return PriceRow.class;
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<PriceRow> serializer) {
        return true;
    }

    @Override
    protected PriceRow[] getTestData() {
        return new PriceRow[] {
            new PriceRow(1_723_075_200_130L, 1_723_075_200_123L, "BTCUSDT", 60_123.45, 0.001, 3_500_000_123L, 7L, 12.5),
            new PriceRow(0L, 0L, "ETHUSDT", Double.MIN_VALUE, 1e12, 0L, -3L, 0.0)
        };
    }

    @Test
    void flinkFindsThisSerializerForTheRecord() {
        assertThat(TypeInformation.of(PriceRow.class).createSerializer(null)).isInstanceOf(PriceRowSerializer.class);
    }
}
