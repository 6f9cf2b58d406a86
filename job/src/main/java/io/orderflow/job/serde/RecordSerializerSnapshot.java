package io.orderflow.job.serde;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot Flink keeps of a {@link RecordSerializer} in checkpoints and savepoints: its class says
 * which serializer wrote the state, and its format number which field layout. A serializer whose fields
 * change raises its format, and state written in another format fails to restore, saying so, instead
 * of being misread.
 *
 * <p>The check is in {@link #restoreSerializer}: a heap state backend reads all of an operator's state
 * with the serializer restored from the snapshot as soon as it restores, before any compatibility
 * check, and the compatibility check restores it too.
 */
public abstract class RecordSerializerSnapshot<T> extends SimpleTypeSerializerSnapshot<T> {

    /**
     * The first snapshot version that writes the format. The versions before it are
     * {@link SimpleTypeSerializerSnapshot}'s, which wrote nothing: every serializer was in format 1.
     */
    private static final int VERSION_WITH_FORMAT = 4;

    /** The format the serializer reads and writes. */
    private final int format;
    /** The format of the state this snapshot describes: another one once read from older state. */
    private int written;

    /** For a serializer whose fields never changed. */
    protected RecordSerializerSnapshot(Supplier<RecordSerializer<T>> serializer) {
        this(serializer, 1);
    }

    /** @param format the serializer's field layout, raised with each change to it */
    protected RecordSerializerSnapshot(Supplier<RecordSerializer<T>> serializer, int format) {
        super(serializer);
        this.format = format;
        this.written = format;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION_WITH_FORMAT;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(format);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (readVersion < VERSION_WITH_FORMAT) {
            super.readSnapshot(readVersion, in, classLoader);
            written = 1;
        } else {
            written = in.readInt();
        }
    }

    /** The serializer that reads the state: there is none for state in another format. */
    @Override
    public TypeSerializer<T> restoreSerializer() {
        TypeSerializer<T> serializer = super.restoreSerializer();
        if (written != format) {
            throw new IllegalStateException(serializer.getClass().getSimpleName() + " reads format " + format
                    + ", but this state was written in format " + written
                    + ": it comes from another version of the job, which this one cannot restore");
        }
        return serializer;
    }
}
