package io.orderflow.job.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import io.orderflow.job.sink.ParquetColumn.LongField;
import io.orderflow.job.sink.ParquetColumn.StringField;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * One kind of output row ({@code prices}, {@code ofi}, {@code cvd}): its name, its columns, and the
 * event time and symbol that decide its partition. Everything that differs between kinds lives here,
 * so the sink machinery ({@link ParquetSinks}) is written once.
 *
 * @param <T> the row type
 */
public final class ParquetRowKind<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final LongField<T> tsMs;
    private final StringField<T> symbol;
    private final List<ParquetColumn<T>> columns;

    // MessageType is not Serializable: rebuilt from the columns after the kind is shipped to a task.
    private transient MessageType schema;

    /**
     * @param tsMs event time of a row, epoch ms UTC: decides the {@code date=} partition
     * @param symbol decides the {@code symbol=} partition
     * @param columns the file's columns, in order
     */
    public ParquetRowKind(String name, LongField<T> tsMs, StringField<T> symbol, List<ParquetColumn<T>> columns) {
        this.name = name;
        this.tsMs = tsMs;
        this.symbol = symbol;
        this.columns = List.copyOf(columns);
    }

    /** The kind's name, used as the {@code kind=} partition and in the file footer. */
    public String name() {
        return name;
    }

    /** Event time of {@code row}, epoch ms UTC: decides the {@code date=} partition. */
    public long tsMs(T row) {
        return tsMs.get(row);
    }

    public String symbol(T row) {
        return symbol.get(row);
    }

    public MessageType schema() {
        if (schema == null) {
            schema = Types.buildMessage()
                    .addFields(columns.stream().map(ParquetColumn::parquetType).toArray(Type[]::new))
                    .named(name);
        }
        return schema;
    }

    /** The columns written without a dictionary (see {@link ParquetColumn#dictionaryEncoded()}). */
    List<String> plainColumns() {
        return columns.stream().filter(column -> !column.dictionary()).map(column -> column.name).toList();
    }

    /** Writes {@code row} as one Parquet record; called once per row, so it only reads fields. */
    void write(T row, RecordConsumer out) {
        out.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).write(row, i, out);
        }
        out.endMessage();
    }

    /** Writes the columns of {@code row} as the fields of the JSON object {@code out} is in, in order. */
    public void writeJsonFields(T row, JsonGenerator out) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).writeJson(row, out);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
