package io.orderflow.tools.local;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The demo's console view: the latest row of each kind per symbol, printed once a second.
 *
 * <p>The local job runs in this JVM, so its tap sinks can hand rows over through static maps. On a
 * cluster the job has no such tap.
 */
public final class ConsoleBoard {

    private static final Map<String, OfiRow> OFI = new ConcurrentHashMap<>();
    private static final Map<String, CvdRow> CVD = new ConcurrentHashMap<>();
    private static final Map<String, PriceRow> PRICES = new ConcurrentHashMap<>();
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private ConsoleBoard() {}

    public static Sink<OfiRow> ofiTap() {
        return new TapSink<>(row -> OFI.put(row.symbol(), row));
    }

    public static Sink<CvdRow> cvdTap() {
        return new TapSink<>(row -> CVD.put(row.symbol(), row));
    }

    public static Sink<PriceRow> pricesTap() {
        return new TapSink<>(row -> PRICES.put(row.symbol(), row));
    }

    /**
     * One compact line per symbol: the expected ones in their order (those with no data yet say so),
     * then any other symbol the job has seen, e.g. from a replayed recording.
     */
    public static String render(List<String> expected) {
        Set<String> symbols = new LinkedHashSet<>(expected);
        symbols.addAll(new TreeSet<>(OFI.keySet()));
        StringBuilder out = new StringBuilder();
        for (String symbol : symbols) {
            out.append(line(symbol, OFI.get(symbol), CVD.get(symbol), PRICES.get(symbol))).append('\n');
        }
        return out.toString();
    }

    static String line(String symbol, OfiRow ofi, CvdRow cvd, PriceRow price) {
        if (ofi == null || cvd == null || price == null) {
            return String.format(Locale.ROOT, "%-10s waiting for data", symbol);
        }
        String flags = (ofi.warmup() ? " warmup" : "") + (ofi.stdZero() ? " std_zero" : "");
        return String.format(Locale.ROOT,
                "%s %-10s px %12.4f | OFI %+10.4f z %+6.2f ema %+9.4f | CVD %+12.4f z %+6.2f | %6.1f tps %-6s%s",
                CLOCK.format(Instant.ofEpochMilli(ofi.tsMs())), symbol, price.price(),
                ofi.ofiValue(), ofi.ofiZ(), ofi.ofiEma(), cvd.cvd(), cvd.zCvd(), price.recvRateTps(),
                cvd.regime(), flags);
    }

    private interface RowConsumer<T> extends Consumer<T>, Serializable {}

    private record TapSink<T>(RowConsumer<T> consumer) implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T row, Context ctx) {
                    consumer.accept(row);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
