package io.orderflow.job.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * One column of a {@link ParquetRowKind}: its name, its Parquet type and how to read its value off a
 * row. A kind's schema and its row writer both come from the same column list, so they cannot
 * disagree on order or type.
 *
 * @param <T> the row type
 */
public abstract class ParquetColumn<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Serializable accessors: Flink ships the kinds to the tasks inside the sink. */
    @FunctionalInterface
    public interface LongField<T> extends Serializable {
        long get(T row);
    }

    /** A serializable {@code double} accessor. */
    @FunctionalInterface
    public interface DoubleField<T> extends Serializable {
        double get(T row);
    }

    /** A serializable {@code boolean} accessor. */
    @FunctionalInterface
    public interface BooleanField<T> extends Serializable {
        boolean get(T row);
    }

    /** A serializable {@code String} accessor. */
    @FunctionalInterface
    public interface StringField<T> extends Serializable {
        String get(T row);
    }

    final String name;
    private boolean dictionary;

    private ParquetColumn(String name, boolean dictionary) {
        this.name = name;
        this.dictionary = dictionary;
    }

    /**
     * This column dictionary-encoded, for numbers with few distinct values (a price on its tick grid).
     * Numbers are written plain otherwise: for values that rarely repeat (z-scores, ids, times) a
     * dictionary only costs a hash lookup per value, which made half of the CVD sink's CPU time, and
     * Parquet drops it at the end of the page anyway. Strings are always dictionary-encoded.
     */
    public ParquetColumn<T> dictionaryEncoded() {
        dictionary = true;
        return this;
    }

    boolean dictionary() {
        return dictionary;
    }

    /** Epoch milliseconds as {@code INT64 TIMESTAMP(MILLIS, true)}, so readers show a UTC instant. */
    public static <T> ParquetColumn<T> timestampMillis(String name, LongField<T> field) {
        return new LongColumn<>(name, true, field);
    }

    public static <T> ParquetColumn<T> int64(String name, LongField<T> field) {
        return new LongColumn<>(name, false, field);
    }

    public static <T> ParquetColumn<T> float64(String name, DoubleField<T> field) {
        return new DoubleColumn<>(name, field);
    }

    public static <T> ParquetColumn<T> bool(String name, BooleanField<T> field) {
        return new BooleanColumn<>(name, field);
    }

    /** A required UTF-8 string; a null value fails the write rather than corrupting the file. */
    public static <T> ParquetColumn<T> string(String name, StringField<T> field) {
        return new StringColumn<>(name, false, field);
    }

    /** An optional UTF-8 string; a null value is written as a missing field (read back as NULL). */
    public static <T> ParquetColumn<T> optionalString(String name, StringField<T> field) {
        return new StringColumn<>(name, true, field);
    }

    /** Builds the Parquet type; Parquet types are not serializable, so they are made on demand. */
    abstract Type parquetType();

    /** Writes this column of {@code row} as field {@code index} of the current record. */
    final void write(T row, int index, RecordConsumer out) {
        if (isNull(row)) {
            return; // Parquet encodes a null optional value by leaving the field out
        }
        out.startField(name, index);
        addValue(row, out);
        out.endField(name, index);
    }

    boolean isNull(T row) {
        return false;
    }

    abstract void addValue(T row, RecordConsumer out);

    /**
     * Writes this column of {@code row} as a JSON field of the same name: the live output's rows
     * (see docs/live-protocol.md) have exactly the columns of their Parquet rows.
     */
    final void writeJson(T row, JsonGenerator out) throws IOException {
        out.writeFieldName(name);
        writeJsonValue(row, out);
    }

    abstract void writeJsonValue(T row, JsonGenerator out) throws IOException;

    private static final class LongColumn<T> extends ParquetColumn<T> {
        private static final long serialVersionUID = 1L;
        private final boolean timestamp;
        private final LongField<T> field;

        LongColumn(String name, boolean timestamp, LongField<T> field) {
            super(name, false);
            this.timestamp = timestamp;
            this.field = field;
        }

        @Override
        Type parquetType() {
            return Types.required(PrimitiveTypeName.INT64)
                    .as(timestamp ? LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS) : null)
                    .named(name);
        }

        @Override
        void addValue(T row, RecordConsumer out) {
            out.addLong(field.get(row));
        }

        @Override
        void writeJsonValue(T row, JsonGenerator out) throws IOException {
            out.writeNumber(field.get(row)); // timestamps too: epoch ms, as numbers
        }
    }

    private static final class DoubleColumn<T> extends ParquetColumn<T> {
        private static final long serialVersionUID = 1L;
        private final DoubleField<T> field;

        DoubleColumn(String name, DoubleField<T> field) {
            super(name, false);
            this.field = field;
        }

        @Override
        Type parquetType() {
            return Types.required(PrimitiveTypeName.DOUBLE).named(name);
        }

        @Override
        void addValue(T row, RecordConsumer out) {
            out.addDouble(field.get(row));
        }

        @Override
        void writeJsonValue(T row, JsonGenerator out) throws IOException {
            double value = field.get(row);
            if (Double.isFinite(value)) {
                out.writeNumber(value);
            } else {
                out.writeNull(); // JSON has no NaN or infinity; a quoted "NaN" would change the field's type
            }
        }
    }

    private static final class BooleanColumn<T> extends ParquetColumn<T> {
        private static final long serialVersionUID = 1L;
        private final BooleanField<T> field;

        BooleanColumn(String name, BooleanField<T> field) {
            super(name, false); // a bit each already
            this.field = field;
        }

        @Override
        Type parquetType() {
            return Types.required(PrimitiveTypeName.BOOLEAN).named(name);
        }

        @Override
        void addValue(T row, RecordConsumer out) {
            out.addBoolean(field.get(row));
        }

        @Override
        void writeJsonValue(T row, JsonGenerator out) throws IOException {
            out.writeBoolean(field.get(row));
        }
    }

    private static final class StringColumn<T> extends ParquetColumn<T> {
        private static final long serialVersionUID = 1L;
        private final boolean optional;
        private final StringField<T> field;

        StringColumn(String name, boolean optional, StringField<T> field) {
            super(name, true);
            this.optional = optional;
            this.field = field;
        }

        @Override
        Type parquetType() {
            return (optional ? Types.optional(PrimitiveTypeName.BINARY) : Types.required(PrimitiveTypeName.BINARY))
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }

        @Override
        boolean isNull(T row) {
            if (field.get(row) != null) {
                return false;
            }
            if (optional) {
                return true;
            }
            throw new NullPointerException("Required Parquet column '" + name + "' is null in " + row);
        }

        @Override
        void addValue(T row, RecordConsumer out) {
            out.addBinary(Binary.fromString(field.get(row)));
        }

        @Override
        void writeJsonValue(T row, JsonGenerator out) throws IOException {
            if (isNull(row)) {
                out.writeNull();
            } else {
                out.writeString(field.get(row));
            }
        }
    }
}
