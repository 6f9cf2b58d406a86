package io.orderflow.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.OfiRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/** Flink's serializer suite: copy, round trips, snapshot and restore, duplicates, threads. */
class OfiRowSerializerTest extends SerializerTestBase<OfiRow> {

    @Override
    protected TypeSerializer<OfiRow> createSerializer() {
        return new OfiRowSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<OfiRow> getTypeClass() {
        return OfiRow.class;
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<OfiRow> serializer) {
        return true;
    }

    @Override
    protected OfiRow[] getTestData() {
        return new OfiRow[] {
            new OfiRow(1_723_075_200_130L, "BTCUSDT", -0.75, -1.5, 1.0, "normal", -0.1, false, true),
            new OfiRow(0L, "ETHUSDT", 12.125, Double.NaN, 2.5, null, 4.0, true, false)
        };
    }

    @Test
    void flinkFindsThisSerializerForTheRecord() {
        assertThat(TypeInformation.of(OfiRow.class).createSerializer(null)).isInstanceOf(OfiRowSerializer.class);
    }
}
