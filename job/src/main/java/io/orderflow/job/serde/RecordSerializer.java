package io.orderflow.job.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer for one of the records that cross the job's network edges many times a second,
 * written field by field. Flink's {@code PojoSerializer} reads a record's fields by reflection and
 * builds it through its canonical constructor, boxing every {@code long} and {@code double} on the way:
 * for the trade and book events and the prices, CVD and OFI rows, that was a fifth of the job's
 * garbage. Each subclass's {@code serialize} and {@code deserialize} list the fields in one order.
 *
 * <p>Records whose fields are all immutable are their own copies. A change to a record's fields is a
 * change of its wire format: state and savepoints written before it cannot be read after it. Such a
 * change raises the format its snapshot records, so that a restore rejects them instead of misreading
 * them (see {@link RecordSerializerSnapshot}).
 *
 * @param <T> the record type
 */
public abstract class RecordSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public T createInstance() {
        return null; // records have no empty instance; Flink only asks for one to reuse, which records cannot be
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }
}
