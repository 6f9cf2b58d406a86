package io.orderflow.job.serde;

import io.orderflow.core.model.BookTop;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializes a {@link BookTop}: K, then each of its four arrays. The source hands every book to the
 * book operators through it, and OFI keeps the previous book in state. Its arrays can be written to,
 * so a copy is deep, as Flink's own serializer made it.
 */
public final class BookTopSerializer extends RecordSerializer<BookTop> {

    private static final long serialVersionUID = 1L;

    public static final BookTopSerializer INSTANCE = new BookTopSerializer();

    /** Above any configurable K (BOOK_LEVELS ≤ 50): a larger count is corruption, not a book. */
    private static final int MAX_LEVELS = 1_000;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public BookTop copy(BookTop book) {
        return new BookTop(book.symbol(), book.eventTimeMs(), book.transactTimeMs(), book.receiveTimeMs(),
                book.updateId(), book.bidPrices().clone(), book.bidQtys().clone(), book.askPrices().clone(),
                book.askQtys().clone());
    }

    @Override
    public void serialize(BookTop book, DataOutputView out) throws IOException {
        StringValue.writeString(book.symbol(), out);
        out.writeLong(book.eventTimeMs());
        out.writeLong(book.transactTimeMs());
        out.writeLong(book.receiveTimeMs());
        out.writeLong(book.updateId());
        out.writeInt(book.levels());
        writeLevels(book.bidPrices(), out);
        writeLevels(book.bidQtys(), out);
        writeLevels(book.askPrices(), out);
        writeLevels(book.askQtys(), out);
    }

    @Override
    public BookTop deserialize(DataInputView in) throws IOException {
        String symbol = StringValue.readString(in);
        long eventTimeMs = in.readLong();
        long transactTimeMs = in.readLong();
        long receiveTimeMs = in.readLong();
        long updateId = in.readLong();
        int levels = in.readInt();
        if (levels < 0 || levels > MAX_LEVELS) {
            throw new IOException("corrupt book of " + symbol + ": " + levels + " levels");
        }
        return new BookTop(symbol, eventTimeMs, transactTimeMs, receiveTimeMs, updateId,
                readLevels(levels, in), readLevels(levels, in), readLevels(levels, in), readLevels(levels, in));
    }

    private static void writeLevels(double[] values, DataOutputView out) throws IOException {
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static double[] readLevels(int levels, DataInputView in) throws IOException {
        double[] values = new double[levels];
        for (int i = 0; i < levels; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    @Override
    public TypeSerializerSnapshot<BookTop> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints. */
    public static final class Snapshot extends RecordSerializerSnapshot<BookTop> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Maps {@link BookTop} to this serializer, see {@link RecordTypes}. */
    public static final class TypeInfoFactory extends org.apache.flink.api.common.typeinfo.TypeInfoFactory<BookTop> {
        @Override
        public TypeInformation<BookTop> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordTypeInfo<>(BookTop.class, INSTANCE);
        }
    }
}
