package io.orderflow.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.job.metrics.ProcessingLatency;
import io.orderflow.job.metrics.SymbolTapeMetrics;
import io.orderflow.job.source.binance.reader.BinanceSourceMetrics;
import io.orderflow.tools.local.ConsoleMetrics.Quantiles;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class ConsoleMetricsTest {

    private final ConsoleMetrics reporter = new ConsoleMetrics();

    @Test
    void readsTheSlowestSubtasksQuantilesPerKindAndEachConnectionsQueue() {
        add(ProcessingLatency.P50, 2.0, "<kind>", "prices", "<subtask_index>", "0");
        add(ProcessingLatency.P95, 5.0, "<kind>", "prices", "<subtask_index>", "0");
        add(ProcessingLatency.P50, Double.NaN, "<kind>", "prices", "<subtask_index>", "1"); // no minute closed yet
        add(ProcessingLatency.P95, 9.0, "<kind>", "prices", "<subtask_index>", "1");
        add(ProcessingLatency.P50, Double.NaN, "<kind>", "ofi", "<subtask_index>", "0");
        add(ProcessingLatency.P95, Double.NaN, "<kind>", "ofi", "<subtask_index>", "0");
        add(BinanceSourceMetrics.HANDOFF_DEPTH, 7, "<subtask_index>", "0"); // the reader's total: not a connection
        add(BinanceSourceMetrics.HANDOFF_DEPTH, 3, "<connection>", "usdm-public-0", "<subtask_index>", "0");
        add(BinanceSourceMetrics.HANDOFF_DEPTH, 4, "<connection>", "usdm-market-0", "<subtask_index>", "1");
        add(SymbolTapeMetrics.LATENCY_P50, 1.0, "<symbol>", "BTCUSDT"); // receive latency: not this summary's
        reporter.notifyOfAddedMetric(new SimpleCounter(), ProcessingLatency.P50, group("<kind>", "prices"));

        ConsoleMetrics.Readings readings = reporter.read();
        assertThat(readings.latencyByKind()).containsExactly(
                Map.entry("ofi", new Quantiles(Double.NaN, Double.NaN)), Map.entry("prices", new Quantiles(2.0, 9.0)));
        assertThat(readings.handoffByConnection()).containsExactly(
                Map.entry("usdm-market-0", 4), Map.entry("usdm-public-0", 3));
    }

    @Test
    void forgetsARemovedGauge() {
        Gauge<Integer> depth = () -> 3;
        MetricGroup group = group("<connection>", "usdm-public-0");
        reporter.notifyOfAddedMetric(depth, BinanceSourceMetrics.HANDOFF_DEPTH, group);
        reporter.notifyOfRemovedMetric(depth, BinanceSourceMetrics.HANDOFF_DEPTH, group);
        assertThat(reporter.read().handoffByConnection()).isEmpty();
    }

    @Test
    void joinsTheReportersOfTheConfiguration() {
        Configuration conf = new Configuration();
        ConsoleMetrics.addTo(conf);
        assertThat(conf.toMap()).containsEntry("metrics.reporter.console.factory.class", ConsoleMetrics.Factory.class.getName())
                .doesNotContainKey(MetricOptions.REPORTERS_LIST.key());

        Configuration listed = new Configuration();
        listed.set(MetricOptions.REPORTERS_LIST, "prom");
        ConsoleMetrics.addTo(listed);
        assertThat(listed.get(MetricOptions.REPORTERS_LIST)).isEqualTo("prom,console");
    }

    private void add(String name, Number value, String... variables) {
        reporter.notifyOfAddedMetric((Gauge<Number>) () -> value, name, group(variables));
    }

    private static MetricGroup group(String... variables) {
        Map<String, String> all = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            all.put(variables[i], variables[i + 1]);
        }
        return new UnregisteredMetricsGroup() {
            @Override
            public Map<String, String> getAllVariables() {
                return all;
            }
        };
    }
}
