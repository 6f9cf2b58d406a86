package io.orderflow.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.CvdRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/** Flink's serializer suite: copy, round trips, snapshot and restore, duplicates, threads. */
class CvdRowSerializerTest extends SerializerTestBase<CvdRow> {

    @Override
    protected TypeSerializer<CvdRow> createSerializer() {
        return new CvdRowSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<CvdRow> getTypeClass() {
        return CvdRow.class;
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<CvdRow> serializer) {
        return true;
    }

    @Override
    protected CvdRow[] getTestData() {
        return new CvdRow[] {
            new CvdRow(1_723_075_200_130L, "BTCUSDT", -12.5, 0.25, 3.75, 2.5, 0.1, 0.01, true, "active"),
            new CvdRow(0L, "ETHUSDT", 0.0, -0.0, Double.NaN, -1e9, 1.0, 0.0, false, null)
        };
    }

    @Test
    void flinkFindsThisSerializerForTheRecord() {
        assertThat(TypeInformation.of(CvdRow.class).createSerializer(null)).isInstanceOf(CvdRowSerializer.class);
    }
}
