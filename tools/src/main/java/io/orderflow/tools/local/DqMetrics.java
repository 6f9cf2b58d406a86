package io.orderflow.tools.local;

import com.sun.net.httpserver.HttpServer;
import io.orderflow.job.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data-quality reports of a local run, in Prometheus' text format on
 * {@code http://127.0.0.1:DQ_METRICS_PORT/metrics}. The reports are made outside any Flink operator,
 * so they cannot be Flink metrics; the JDK's HTTP server is enough for four series.
 */
final class DqMetrics implements AutoCloseable {

    private final String runTag;
    private final HttpServer server;
    private final Map<String, Long> reportsByKind = new TreeMap<>();
    private long failedVerdicts;
    private boolean lastReportFailed;
    private long lastReportEpochSec;

    private DqMetrics(String runTag, HttpServer server) {
        this.runTag = runTag;
        this.server = server;
    }

    /**
     * Serves on {@code port} of 127.0.0.1.
     *
     * @throws ConfigException if the port is taken
     */
    static DqMetrics serve(String runTag, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (BindException e) {
            throw new ConfigException("DQ_METRICS_PORT=" + port + " is in use: give another port, or 0 for no endpoint");
        } catch (IOException e) {
            throw new ConfigException("DQ_METRICS_PORT=" + port + ": cannot serve on it (" + e.getMessage() + ")");
        }
        DqMetrics metrics = new DqMetrics(runTag, server);
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics.render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return metrics;
    }

    synchronized void reported(String kind, int failures, long epochSec) {
        reportsByKind.merge(kind, 1L, Long::sum);
        failedVerdicts += failures;
        lastReportFailed = failures > 0;
        lastReportEpochSec = epochSec;
    }

    synchronized String render() {
        String run = "run_tag=\"" + runTag.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        StringBuilder text = new StringBuilder();
        text.append("# HELP orderflow_dq_reports_total Data-quality reports made by this run, by kind.\n")
                .append("# TYPE orderflow_dq_reports_total counter\n");
        reportsByKind.forEach((kind, count) -> text.append("orderflow_dq_reports_total{").append(run)
                .append(",kind=\"").append(kind).append("\"} ").append(count).append('\n'));
        text.append("# HELP orderflow_dq_failed_verdicts_total Failing verdicts in this run's data-quality reports.\n")
                .append("# TYPE orderflow_dq_failed_verdicts_total counter\n")
                .append("orderflow_dq_failed_verdicts_total{").append(run).append("} ").append(failedVerdicts).append('\n')
                .append("# HELP orderflow_dq_last_report_failed 1 when a verdict of the latest report fails.\n")
                .append("# TYPE orderflow_dq_last_report_failed gauge\n")
                .append("orderflow_dq_last_report_failed{").append(run).append("} ").append(lastReportFailed ? 1 : 0).append('\n')
                .append("# HELP orderflow_dq_last_report_timestamp_seconds When the latest report was made.\n")
                .append("# TYPE orderflow_dq_last_report_timestamp_seconds gauge\n")
                .append(String.format(Locale.ROOT, "orderflow_dq_last_report_timestamp_seconds{%s} %d%n", run, lastReportEpochSec));
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
