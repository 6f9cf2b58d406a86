package io.orderflow.tools.local;

import io.orderflow.job.config.SourceKind;
import io.orderflow.job.metrics.LatencyQuantiles;
import io.orderflow.tools.local.ConsoleMetrics.Quantiles;
import io.orderflow.tools.local.ConsoleMetrics.Readings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * The summary line a local run prints every CONSOLE_SUMMARY_SEC beside the per-symbol lines: how long
 * the job takes from receiving an event to producing its row (p50 and p95 of the last whole minute,
 * per kind of row, the slowest subtask's), and how many events wait in each connection's hand-off
 * queue now, out of the reader's capacity:
 *
 * <pre>
 * 15:21:00 latency receive-to-row: ofi p50 1 ms p95 2 ms, prices p50 1 ms p95 3 ms | hand-off queue: usdm-market-0 0/10000, usdm-public-0 3/10000
 * </pre>
 */
final class ConsoleSummary {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private ConsoleSummary() {}

    /**
     * @param handoffCapacity the reader's hand-off capacity when the source is the WebSocket one;
     *     other sources have no connections
     */
    static String line(Instant now, Readings readings, SourceKind source, OptionalInt handoffCapacity) {
        return CLOCK.format(now) + " latency receive-to-row: " + latency(readings, source)
                + " | hand-off queue: " + handoff(readings, handoffCapacity);
    }

    private static String latency(Readings readings, SourceKind source) {
        if (!source.receiveTimeIsLocal()) {
            // The rows' receive times are not this process's clock: a latency from them would be wrong.
            return source == SourceKind.REPLAY ? "n/a (replay: the recordings' receive times)"
                    : "n/a (" + source.name().toLowerCase(Locale.ROOT) + " source: simulated receive times)";
        }
        if (readings.latencyByKind().isEmpty()) {
            return "n/a (no rows yet)";
        }
        StringJoiner kinds = new StringJoiner(", ");
        readings.latencyByKind().forEach((kind, quantiles) -> kinds.add(kind + " " + quantiles(quantiles)));
        return kinds.toString();
    }

    private static String quantiles(Quantiles quantiles) {
        if (Double.isNaN(quantiles.p50()) || Double.isNaN(quantiles.p95())) {
            return "n/a (no whole minute yet)";
        }
        return "p50 " + millis(quantiles.p50()) + " p95 " + millis(quantiles.p95());
    }

    /** Whole milliseconds; the histogram's last bucket holds everything from it on. */
    private static String millis(double ms) {
        return (ms >= LatencyQuantiles.OVERFLOW_MS ? ">=" : "") + (long) ms + " ms";
    }

    private static String handoff(Readings readings, OptionalInt capacity) {
        if (capacity.isEmpty()) {
            return "n/a (no WebSocket connections)";
        }
        if (readings.handoffByConnection().isEmpty()) {
            return "no connection yet";
        }
        StringJoiner connections = new StringJoiner(", ");
        readings.handoffByConnection().forEach((connection, depth) ->
                connections.add(connection + " " + depth + "/" + capacity.getAsInt()));
        return connections.toString();
    }
}
