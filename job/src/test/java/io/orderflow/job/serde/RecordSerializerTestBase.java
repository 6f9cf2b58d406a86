package io.orderflow.job.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's serializer suite (copy, round trips, snapshot and restore, duplicates, threads) for one
 * record serializer, the check that Flink finds it for its record, and that a restore accepts state
 * only in the serializer's current field layout.
 */
abstract class RecordSerializerTestBase<T> extends SerializerTestBase<T> {

    private final Class<T> type;
    private final RecordSerializer<T> serializer;
    private final int format;

    RecordSerializerTestBase(Class<T> type, RecordSerializer<T> serializer) {
        this(type, serializer, 1);
    }

    /** @param format the serializer's field layout: 1 until its fields first change */
    RecordSerializerTestBase(Class<T> type, RecordSerializer<T> serializer, int format) {
        this.type = type;
        this.serializer = serializer;
        this.format = format;
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

    @Test
    void aSnapshotFromBeforeFormatsWereRecordedRestoresOnlyIntoTheFirstFormat() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeUTF(serializer.snapshotConfiguration().getClass().getName());
        out.writeInt(3); // SimpleTypeSerializerSnapshot's version, no payload: what savepoints held until then
        TypeSerializerSnapshot<T> old = read(out);

        if (format == 1) {
            assertThat(old.restoreSerializer()).isSameAs(serializer);
            assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAsIs())
                    .isTrue();
        } else {
            assertRefused(old, 1);
        }
    }

    @Test
    void aSnapshotOfAnotherFormatDoesNotRestore() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeUTF(serializer.snapshotConfiguration().getClass().getName());
        out.writeInt(serializer.snapshotConfiguration().getCurrentVersion());
        out.writeInt(format + 1);

        assertRefused(read(out), format + 1);
    }

    private TypeSerializerSnapshot<T> read(DataOutputSerializer out) throws IOException {
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    }

    /** Neither a heap backend (which reads state with it) nor the compatibility check gets a serializer. */
    private void assertRefused(TypeSerializerSnapshot<T> old, int writtenFormat) {
        String message = serializer.getClass().getSimpleName() + " reads format " + format
                + ", but this state was written in format " + writtenFormat;
        assertThatThrownBy(old::restoreSerializer)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> serializer.snapshotConfiguration().resolveSchemaCompatibility(old))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
    }
}
