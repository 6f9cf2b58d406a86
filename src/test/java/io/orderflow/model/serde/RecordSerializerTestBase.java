package io.orderflow.model.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's serializer suite (copy, round trips, snapshot and restore, duplicates, threads) for one
 * record serializer, and the check that Flink finds it for its record.
 */
abstract class RecordSerializerTestBase<T> extends SerializerTestBase<T> {

    private final Class<T> type;
    private final RecordSerializer<T> serializer;

    RecordSerializerTestBase(Class<T> type, RecordSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    protected TypeSerializer<T> createSerializer() {
        return serializer;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<T> getTypeClass() {
        return type;
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<T> serializer) {
        return true; // a record has no empty instance to reuse
    }

    @Test
    void flinkFindsThisSerializerForTheRecord() {
        assertThat(TypeInformation.of(type)).isInstanceOf(RecordTypeInfo.class);
        assertThat(TypeInformation.of(type).createSerializer(null)).isSameAs(serializer);
    }
}
