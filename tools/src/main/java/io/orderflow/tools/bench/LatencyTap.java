package io.orderflow.tools.bench;

import io.orderflow.core.model.PriceRow;
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
    private static final LinearHistogram MILLIS = new LinearHistogram(MAX_MS);

    private LatencyTap() {}

    static Sink<PriceRow> sink() {
        return context -> new TapWriter(); // Sink is Serializable with one abstract method
    }

    static void reset() {
        MILLIS.reset();
    }

    static long count() {
        return MILLIS.count();
    }

    /** The latency at quantile {@code q} in ms, e.g. 0.99; the last bucket holds everything slower. */
    static long quantileMs(double q) {
        return MILLIS.quantile(q);
    }

    private static final class TapWriter implements SinkWriter<PriceRow> {
        @Override
        public void write(PriceRow row, Context context) {
            MILLIS.record(System.currentTimeMillis() - (row.eventTsMs() + row.latencyMs()));
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
