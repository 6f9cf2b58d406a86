package io.orderflow.model.serde;

import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * The snapshot Flink keeps of a {@link RecordSerializer} in checkpoints and savepoints: its class
 * says which serializer wrote the state. A serializer whose format changes gets a new snapshot class
 * (or version), so an old savepoint fails at restore with a clear incompatibility instead of being
 * misread.
 */
public abstract class RecordSerializerSnapshot<T> extends SimpleTypeSerializerSnapshot<T> {

    protected RecordSerializerSnapshot(Supplier<RecordSerializer<T>> serializer) {
        super(serializer);
    }
}
