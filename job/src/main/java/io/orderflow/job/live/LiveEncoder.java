package io.orderflow.job.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.orderflow.core.model.KlineUpdate;
import io.orderflow.job.sink.ParquetRowKind;
import io.orderflow.job.sink.RowKinds;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Encodes the rows of one kind for the live output, once, where they are computed: each row becomes
 * its stream's name and its {@code data} object, with the fields, order and values of its Parquet
 * columns (see docs/live-protocol.md). One JSON generator per subtask writes into one reused buffer.
 *
 * @param <T> the row type
 */
public final class LiveEncoder<T> extends RichMapFunction<T, LiveRow> {

    private static final long serialVersionUID = 1L;

    /** The stream a row belongs to. */
    @FunctionalInterface
    interface StreamOf<T> extends Serializable {
        String stream(T row);
    }

    /** Writes the fields of a row's {@code data} object. */
    @FunctionalInterface
    interface Fields<T> extends Serializable {
        void write(T row, JsonGenerator out) throws IOException;
    }

    private final StreamOf<T> streamOf;
    private final Fields<T> fields;

    private transient StringWriter text;
    private transient JsonGenerator json;

    LiveEncoder(StreamOf<T> streamOf, Fields<T> fields) {
        this.streamOf = streamOf;
        this.fields = fields;
    }

    /** The rows of {@code kind} as the stream {@code <symbol>@<suffix>} of each symbol. */
    public static <T> LiveEncoder<T> of(ParquetRowKind<T> kind, String suffix) {
        return new LiveEncoder<>(new SymbolStreams<>(kind, suffix), kind::writeJsonFields);
    }

    /** Klines, forming and closed, as {@code <symbol>@kline_<timeframe>}, with {@code "closed"} after the columns. */
    public static LiveEncoder<KlineUpdate> klines() {
        return new LiveEncoder<>(
                update -> streamName(update.bar().symbol(), "kline_" + update.bar().timeframe()),
                (update, out) -> {
                    RowKinds.KLINES.writeJsonFields(update.bar(), out);
                    out.writeBooleanField("closed", update.closed());
                });
    }

    /** A stream's name, like Binance's: the lower-case symbol, {@code @}, the kind. */
    static String streamName(String symbol, String kind) {
        return symbol.toLowerCase(Locale.ROOT) + "@" + kind;
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        text = new StringWriter(512);
        json = new JsonFactory().createGenerator(text);
        json.setRootValueSeparator(null); // one generator writes every row: no separator between them
    }

    @Override
    public LiveRow map(T row) throws IOException {
        text.getBuffer().setLength(0);
        json.writeStartObject();
        fields.write(row, json);
        json.writeEndObject();
        json.flush();
        return new LiveRow(streamOf.stream(row), text.toString());
    }

    /** Stream names of a kind with one stream per symbol, made once per symbol rather than per row. */
    private static final class SymbolStreams<T> implements StreamOf<T> {
        private static final long serialVersionUID = 1L;
        private final ParquetRowKind<T> kind;
        private final String suffix;
        private transient Map<String, String> names;

        SymbolStreams(ParquetRowKind<T> kind, String suffix) {
            this.kind = kind;
            this.suffix = suffix;
        }

        @Override
        public String stream(T row) {
            if (names == null) {
                names = new HashMap<>();
            }
            String symbol = kind.symbol(row);
            String name = names.get(symbol);
            if (name == null) {
                name = streamName(symbol, suffix);
                names.put(symbol, name);
            }
            return name;
        }
    }
}
