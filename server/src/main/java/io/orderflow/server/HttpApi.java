package io.orderflow.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The HTTP endpoints: the live page, /incremental, /history, /streams, /health, /metrics (docs/server.md). Blocking
 * (/history queries DuckDB), so Jetty runs it on a pool thread, never on a selector.
 */
final class HttpApi extends Handler.Abstract {

    static final int MAX_PAGE = 1_000;

    private final ServerContext context;
    private final HistoryEndpoint history;
    private final LivePage page;
    private final Rates rates;
    private final long startedMillis = System.currentTimeMillis();

    HttpApi(ServerContext context, HistoryEndpoint history, LivePage page, Rates rates) {
        this.context = context;
        this.history = history;
        this.page = page;
        this.rates = rates;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!HttpMethod.GET.is(request.getMethod())) {
            return error(response, callback, 405, "only GET is served, not " + request.getMethod());
        }
        LivePage.Asset asset = page.find(path);
        if (asset != null) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, asset.cacheControl());
            response.write(true, ByteBuffer.wrap(asset.bytes()), callback);
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        return switch (path) {
            case "/incremental" -> incremental(query, response, callback);
            case "/history" -> history(query, response, callback);
            case "/streams" -> json(response, callback, 200, streams());
            case "/health" -> json(response, callback, 200, health());
            case "/metrics" -> send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics());
            default -> error(response, callback, 404, "no endpoint " + path
                    + " (/ (the live page), /ws/stream, /incremental, /history, /streams, /health, /metrics)");
        };
    }

    private boolean incremental(Fields query, Response response, Callback callback) {
        String name = query.getValue("stream");
        if (name == null) {
            return error(response, callback, 400, "missing parameter stream");
        }
        String problem = StreamNames.problem(name);
        if (problem != null) {
            return error(response, callback, 400, problem);
        }
        long from;
        int limit;
        try {
            from = longParameter(query, "from", null, 0, Long.MAX_VALUE);
            limit = (int) longParameter(query, "limit", (long) MAX_PAGE, 1, MAX_PAGE);
        } catch (IllegalArgumentException e) {
            return error(response, callback, 400, e.getMessage());
        }
        LiveStream stream = context.registry().find(name);
        if (stream == null || stream.size() == 0) {
            return error(response, callback, 404, "no rows of stream " + name + " on this server");
        }
        List<LiveMessage> page = stream.after(from, limit);
        if (page == null) {
            LiveMessage oldest = stream.oldest();
            ObjectNode gone = context.json().createObjectNode()
                    .put("error", "rows after seq " + from + " have left the ring; read them with /history up to oldest_ts_ms")
                    .put("stream", name)
                    .put("oldest_seq", oldest.seq());
            putTime(gone, "oldest_ts_ms", oldest.tsMs());
            return json(response, callback, 410, gone.toString());
        }
        long next = page.isEmpty() ? from : page.get(page.size() - 1).seq();
        // The rows go out as the job encoded them, inside a hand-built envelope (names are validated).
        StringBuilder body = new StringBuilder(128 + page.size() * 256)
                .append("{\"stream\":\"").append(name)
                .append("\",\"from\":").append(from)
                .append(",\"count\":").append(page.size())
                .append(",\"latest\":").append(stream.latest().seq())
                .append(",\"next\":").append(next)
                .append(",\"data\":[");
        for (int i = 0; i < page.size(); i++) {
            body.append(i == 0 ? "" : ",").append(page.get(i).text());
        }
        return json(response, callback, 200, body.append("]}").toString());
    }

    private boolean history(Fields query, Response response, Callback callback) {
        String name = query.getValue("stream");
        String problem = name == null ? "missing parameter stream" : StreamNames.problem(name);
        if (problem != null) {
            return error(response, callback, 400, problem);
        }
        String format = query.getValue("format") == null ? "json" : query.getValue("format");
        if (!format.equals("json") && !format.equals("csv")) {
            return error(response, callback, 400, "parameter format must be json or csv, not '" + abbreviate(format) + "'");
        }
        long fromMs;
        long toMs;
        int limit;
        try {
            fromMs = longParameter(query, "from_ms", null, 0, Long.MAX_VALUE / 1000);
            toMs = longParameter(query, "to_ms", null, 0, Long.MAX_VALUE / 1000);
            limit = (int) longParameter(query, "limit", (long) HistoryEndpoint.DEFAULT_LIMIT, 1, HistoryEndpoint.MAX_LIMIT);
        } catch (IllegalArgumentException e) {
            return error(response, callback, 400, e.getMessage());
        }
        if (toMs <= fromMs) {
            return error(response, callback, 400, "to_ms must be above from_ms");
        }
        try {
            HistoryEndpoint.Page page = history.read(name, fromMs, toMs, limit);
            return format.equals("csv")
                    ? send(response, callback, 200, "text/csv; charset=utf-8", history.toCsv(page))
                    : json(response, callback, 200, history.toJson(page));
        } catch (SQLException | IOException e) {
            return error(response, callback, 500, "reading the history failed: " + e.getMessage());
        }
    }

    private String streams() {
        ObjectNode body = context.json().createObjectNode();
        var array = body.putArray("streams");
        List<LiveStream> all = new ArrayList<>(context.registry().all());
        all.sort(Comparator.comparing(LiveStream::name));
        for (LiveStream stream : all) {
            LiveMessage latest = stream.latest();
            if (latest == null) {
                continue;
            }
            ObjectNode entry = array.addObject()
                    .put("stream", stream.name())
                    .put("latest_seq", latest.seq());
            putTime(entry, "latest_ts_ms", latest.tsMs());
            entry.put("rows_held", stream.size()).put("subscribers", stream.subscriberCount());
        }
        return body.toString();
    }

    private String health() {
        ServerMetrics m = context.metrics();
        Map<String, Long> lastRowBySymbol = new TreeMap<>();
        for (LiveStream stream : context.registry().all()) {
            LiveMessage latest = stream.latest();
            if (latest != null && latest.tsMs() != LiveMessage.NO_TIME) {
                lastRowBySymbol.merge(StreamNames.symbol(stream.name()), latest.tsMs(), Math::max);
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ObjectNode body = context.json().createObjectNode()
                .put("status", "ok")
                .put("version", ServerContext.VERSION)
                .put("uptime_s", (System.currentTimeMillis() - startedMillis) / 1000)
                .put("clients", m.clients.get())
                .put("ingest_connected", m.ingestConnections.get() > 0)
                .put("ingest_connections", m.ingestConnections.get())
                .put("rows_in_per_s", rates.rowsInPerSecond())
                .put("rows_out_per_s", rates.rowsOutPerSecond())
                .put("queued_rows", queuedRows());
        ObjectNode last = body.putObject("last_row_ts_ms");
        lastRowBySymbol.forEach(last::put);
        body.putObject("memory")
                .put("heap_used_bytes", heap.getUsed())
                .put("heap_max_bytes", heap.getMax());
        return body.toString();
    }

    private String metrics() {
        ServerMetrics m = context.metrics();
        StringBuilder out = new StringBuilder(2048);
        gauge(out, "orderflow_server_clients", "WebSocket clients connected.", m.clients.get());
        gauge(out, "orderflow_server_ingest_connections", "Ingest connections open.", m.ingestConnections.get());
        gauge(out, "orderflow_server_queued_rows", "Messages waiting in clients' outbound queues or being written.", queuedRows());
        counter(out, "orderflow_server_rows_in_total", "Rows ingested and kept.", m.rowsIn.sum());
        counter(out, "orderflow_server_rows_out_total", "Rows sent to clients.", m.rowsOut.sum());
        counter(out, "orderflow_server_rows_conflated_total", "Rows a newer row of their stream replaced in a slow client's queue.", m.conflatedRows.sum());
        out.append("# HELP orderflow_server_rows_dropped_total Ingested messages dropped, by reason.\n")
                .append("# TYPE orderflow_server_rows_dropped_total counter\n")
                .append("orderflow_server_rows_dropped_total{reason=\"stale_seq\"} ").append(m.staleRows.sum()).append('\n')
                .append("orderflow_server_rows_dropped_total{reason=\"bad_message\"} ").append(m.badMessages.sum()).append('\n');
        counter(out, "orderflow_server_slow_client_closes_total", "Clients closed because their outbound queue overflowed.", m.slowClientCloses.sum());
        counter(out, "orderflow_server_silent_client_closes_total", "Clients closed for silence.", m.silentClientCloses.sum());
        counter(out, "orderflow_server_client_errors_total", "Error messages sent to clients for bad requests.", m.clientErrors.sum());
        counter(out, "orderflow_server_rate_limited_total", "HTTP requests and upgrades answered 429.", m.rateLimited.sum());
        out.append("# HELP orderflow_server_send_latency_seconds From a row's ingest to its send completing, since start.\n")
                .append("# TYPE orderflow_server_send_latency_seconds summary\n");
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            out.append("orderflow_server_send_latency_seconds{quantile=\"").append(q).append("\"} ")
                    .append(m.sendLatency.quantileMicros(q) / 1e6).append('\n');
        }
        return out.toString();
    }

    /** What the open clients' queues hold: the server's memory for rows not sent yet. */
    private long queuedRows() {
        long queued = 0;
        for (ClientSession client : context.clients()) {
            queued += client.pendingMessages();
        }
        return queued;
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    private static void putTime(ObjectNode node, String field, long tsMs) {
        if (tsMs == LiveMessage.NO_TIME) {
            node.putNull(field);
        } else {
            node.put(field, tsMs);
        }
    }

    /** A whole-number parameter in [min, max]; {@code fallback} when absent, required when that is null. */
    private static long longParameter(Fields query, String name, Long fallback, long min, long max) {
        String text = query.getValue(name);
        if (text == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("missing parameter " + name);
            }
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " is not a whole number: '" + abbreviate(text) + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("parameter " + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    boolean error(Response response, Callback callback, int status, String problem) {
        return error(context, response, callback, status, problem);
    }

    static boolean error(ServerContext context, Response response, Callback callback, int status, String problem) {
        return json(response, callback, status, context.json().createObjectNode().put("error", problem).toString());
    }

    private static boolean json(Response response, Callback callback, int status, String body) {
        return send(response, callback, status, "application/json", body);
    }

    private static boolean send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body, callback);
        return true;
    }

    /** Rows in and out per second, sampled once a second by the server. */
    static final class Rates {
        private final ServerMetrics metrics;
        private long lastIn;
        private long lastOut;
        private volatile long inPerSecond;
        private volatile long outPerSecond;

        Rates(ServerMetrics metrics) {
            this.metrics = metrics;
        }

        void sample() {
            long in = metrics.rowsIn.sum();
            long out = metrics.rowsOut.sum();
            inPerSecond = in - lastIn;
            outPerSecond = out - lastOut;
            lastIn = in;
            lastOut = out;
        }

        long rowsInPerSecond() {
            return inPerSecond;
        }

        long rowsOutPerSecond() {
            return outPerSecond;
        }
    }
}
