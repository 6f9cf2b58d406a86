package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.job.config.SourceKind;
import io.orderflow.tools.local.ConsoleMetrics.Quantiles;
import io.orderflow.tools.local.ConsoleMetrics.Readings;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    private static final Instant AT = Instant.parse("2026-12-02T15:21:00.400Z");

    @Test
    void showsEachKindsQuantilesAndEachConnectionsQueueOutOfTheReadersCapacity() {
        Readings readings = readings();
        readings.latencyByKind().put("ofi", new Quantiles(1, 2));
        readings.latencyByKind().put("prices", new Quantiles(3, 4096));
        readings.handoffByConnection().put("usdm-market-0", 0);
        readings.handoffByConnection().put("usdm-public-0", 3);
        assertThat(ConsoleSummary.line(AT, readings, SourceKind.LOOPBACK, OptionalInt.of(10_000)))
                .isEqualTo("15:21:00 latency receive-to-row: ofi p50 1 ms p95 2 ms, prices p50 3 ms p95 >=4096 ms"
                        + " | hand-off queue: usdm-market-0 0/10000, usdm-public-0 3/10000");
    }

    @Test
    void saysWhatIsNotKnownYet() {
        assertThat(ConsoleSummary.line(AT, readings(), SourceKind.BINANCE, OptionalInt.of(10_000)))
                .isEqualTo("15:21:00 latency receive-to-row: n/a (no rows yet) | hand-off queue: no connection yet");
        Readings firstMinute = readings();
        firstMinute.latencyByKind().put("prices", new Quantiles(Double.NaN, Double.NaN));
        assertThat(ConsoleSummary.line(AT, firstMinute, SourceKind.BINANCE, OptionalInt.of(10_000)))
                .startsWith("15:21:00 latency receive-to-row: prices n/a (no whole minute yet) |");
    }

    @Test
    void printsNoLatencyWhereReceiveTimesAreNotThisProcesssClock() {
        Readings readings = readings();
        readings.latencyByKind().put("prices", new Quantiles(4096, 4096)); // what recorded receive times would give
        assertThat(ConsoleSummary.line(AT, readings, SourceKind.REPLAY, OptionalInt.empty())).isEqualTo(
                "15:21:00 latency receive-to-row: n/a (replay: the recordings' receive times)"
                        + " | hand-off queue: n/a (no WebSocket connections)");
        assertThat(ConsoleSummary.line(AT, readings, SourceKind.EMBEDDED, OptionalInt.empty())).isEqualTo(
                "15:21:00 latency receive-to-row: n/a (embedded source: simulated receive times)"
                        + " | hand-off queue: n/a (no WebSocket connections)");
    }

    private static Readings readings() {
        return new Readings(new TreeMap<>(), new TreeMap<>());
    }
}
