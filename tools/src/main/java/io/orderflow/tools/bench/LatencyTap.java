package io.orderflow.tools.bench;

import io.orderflow.core.model.PriceRow;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Receive-to-output latency of {@code prices} rows, measured where a row leaves the job: the wall
 * clock at the sink minus the receive time the source stamped (event time + latency_ms).
 *
 * <p>The bench runs the job in its own JVM, so the sink records into a static histogram of whole
 * milliseconds: no allocation per row.
 */
final class LatencyTap {

    static final int MAX_MS = 60_000;
    private static final AtomicLongArray COUNTS = new AtomicLongArray(MAX_MS + 1);

    private LatencyTap() {}

    static Sink<PriceRow> sink() {
        return context -> new TapWriter(); // Sink is Serializable with one abstract method
    }

    static void reset() {
        for (int i = 0; i <= MAX_MS; i++) {
            COUNTS.set(i, 0);
        }
    }

    static long count() {
        long n = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            n += COUNTS.get(i);
        }
        return n;
    }

    /** The latency at quantile {@code q} in ms, e.g. 0.99; the last bucket holds everything slower. */
    static long quantileMs(double q) {
        long total = count();
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            seen += COUNTS.get(i);
            if (seen >= rank && seen > 0) {
                return i;
            }
        }
        return MAX_MS;
    }

    private static final class TapWriter implements SinkWriter<PriceRow> {
        @Override
        public void write(PriceRow row, Context context) {
            long latency = System.currentTimeMillis() - (row.eventTsMs() + row.latencyMs());
            COUNTS.incrementAndGet((int) Math.max(0, Math.min(MAX_MS, latency)));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
