package io.orderflow.tools.local;

import io.orderflow.job.metrics.ProcessingLatency;
import io.orderflow.job.source.binance.reader.BinanceSourceMetrics;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The job's metrics that the console's summary line shows, read from the job's own gauges: a Flink
 * {@link MetricReporter} added to a local run's configuration ({@link #addTo}) keeps those of
 * processing latency ({@link ProcessingLatency}) and of each connection's hand-off queue
 * ({@link BinanceSourceMetrics#CONNECTION}) as Flink registers them, and reads them when asked: the
 * same figures Prometheus scrapes.
 *
 * <p>Flink creates reporters itself, from a factory it finds by class name (listed in
 * {@code META-INF/services}), so the console reaches the reporter through {@link #inThisJvm}: a local
 * run holds one MiniCluster, whose one metric registry creates it once.
 */
public final class ConsoleMetrics implements MetricReporter {

    static final String REPORTER = "console";
    private static final ConsoleMetrics IN_THIS_JVM = new ConsoleMetrics();

    /** The slowest subtask's quantiles of one kind of row, NaN until a first minute has closed. */
    record Quantiles(double p50, double p95) {}

    /** What the gauges said: the processing latency per row kind, the hand-off depth per connection. */
    record Readings(SortedMap<String, Quantiles> latencyByKind, SortedMap<String, Integer> handoffByConnection) {}

    private record LatencyGauge(String kind, String name) {}

    private final Map<Gauge<?>, LatencyGauge> latencyGauges = new ConcurrentHashMap<>();
    private final Map<Gauge<?>, String> handoffGauges = new ConcurrentHashMap<>();

    /** The reporter of this JVM is {@link #inThisJvm}; tests make their own. */
    ConsoleMetrics() {}

    /** Adds this reporter to a local run's Flink configuration, beside any other. */
    static void addTo(Configuration conf) {
        MetricOptions.forReporter(conf, REPORTER).set(MetricOptions.REPORTER_FACTORY_CLASS, Factory.class.getName());
        // A list of reporters enables only those listed.
        conf.getOptional(MetricOptions.REPORTERS_LIST)
                .ifPresent(listed -> conf.set(MetricOptions.REPORTERS_LIST, listed + "," + REPORTER));
    }

    static ConsoleMetrics inThisJvm() {
        return IN_THIS_JVM;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {
        latencyGauges.clear();
        handoffGauges.clear();
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (!(metric instanceof Gauge<?> gauge)) {
            return;
        }
        Map<String, String> variables = group.getAllVariables();
        String kind = variables.get(variable(ProcessingLatency.KIND));
        String connection = variables.get(variable(BinanceSourceMetrics.CONNECTION));
        if (kind != null && (name.equals(ProcessingLatency.P50) || name.equals(ProcessingLatency.P95))) {
            latencyGauges.put(gauge, new LatencyGauge(kind, name));
        } else if (connection != null && name.equals(BinanceSourceMetrics.HANDOFF_DEPTH)) {
            handoffGauges.put(gauge, connection);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        latencyGauges.remove(metric);
        handoffGauges.remove(metric);
    }

    /**
     * The gauges' values now. The quantiles of a kind are those of its slowest subtask: quantiles of
     * different subtasks cannot be merged, and the slowest is the one to worry about.
     */
    Readings read() {
        Map<String, double[]> worst = new TreeMap<>();
        latencyGauges.forEach((gauge, latency) -> {
            double[] quantiles = worst.computeIfAbsent(latency.kind(), kind -> new double[] {Double.NaN, Double.NaN});
            int index = latency.name().equals(ProcessingLatency.P50) ? 0 : 1;
            quantiles[index] = worse(quantiles[index], ((Number) gauge.getValue()).doubleValue());
        });
        SortedMap<String, Quantiles> latency = new TreeMap<>();
        worst.forEach((kind, quantiles) -> latency.put(kind, new Quantiles(quantiles[0], quantiles[1])));
        SortedMap<String, Integer> handoff = new TreeMap<>();
        handoffGauges.forEach((gauge, connection) -> handoff.put(connection, ((Number) gauge.getValue()).intValue()));
        return new Readings(latency, handoff);
    }

    /** The larger, NaN (no figure yet) only if both are. */
    private static double worse(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** How Flink names the variable of a key group, e.g. {@code <kind>}. */
    private static String variable(String key) {
        return "<" + key + ">";
    }

    /** What Flink instantiates: it hands out the one reporter of this JVM. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return IN_THIS_JVM;
        }
    }
}
