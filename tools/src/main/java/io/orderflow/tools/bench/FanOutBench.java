package io.orderflow.tools.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The stream server's fan-out ({@code ./jobs/bench.sh server}, docs/performance.md): one ingest
 * connection sends rows at a steady rate to the server, running in a JVM of its own
 * ({@link ServerProcess}); N clients subscribed to every stream receive them. For each N: the
 * ingest-to-receive latency (p50, p99, max), the rows per second fanned out (received by all
 * clients together), and beside them the server's own ingest-to-send-completed p50 and p99 (its
 * {@code /metrics}, warm-up included), which tell the server's share from the clients'.
 *
 * <p>The sender and the receivers share this JVM, so one {@link System#nanoTime} clock times each
 * row: the sender writes it into the row ({@code sent_ns}) as it sends, a receiver subtracts it from
 * its own reading. That covers the whole path: the sender's WebSocket, the server reading, parsing
 * and fanning out, and the receiving WebSocket. Rows leave as the job's live sink sends them: every
 * row due in one frame, so one row a frame at the demo's rate.
 *
 * <p>Usage: {@code FanOutBench [rows/s] [seconds] [clients,...]}; by default the demo's rate
 * ({@value #DEMO_ROWS_PER_SECOND} rows/s), {@value #DEFAULT_SECONDS} s measured after
 * {@value #WARM_UP_SECONDS} s of warm-up, for 1, 50 and 200 clients, a fresh server each.
 */
public final class FanOutBench {

    /** The demo (BTCUSDT and ETHUSDT at 50 events/s each) sent the server 43 to 49 rows/s over 14 streams. */
    static final double DEMO_ROWS_PER_SECOND = 50;
    static final int DEFAULT_SECONDS = 30;
    static final int WARM_UP_SECONDS = 5;
    static final List<Integer> DEFAULT_CLIENTS = List.of(1, 50, 200);
    /**
     * The demo's 14 streams, which a dashboard of both symbols subscribes to (and {@code @events},
     * rare: the demo sent none in a minute).
     */
    static final List<String> STREAMS = List.of("btcusdt", "ethusdt").stream()
            .flatMap(symbol -> List.of("trade", "ofi", "cvd", "fusion", "kline_1m", "kline_5m", "kline_1h").stream()
                    .map(kind -> symbol + "@" + kind))
            .toList();
    /** Latencies above a second share the histogram's last bucket (the max is kept apart). */
    private static final int MAX_MICROS = 1_000_000;
    /**
     * Receiving threads: the clients are spread over this many HttpClients, each calling back on its
     * selector thread (no hand-off per row); the sender has one of its own, so that receiving never
     * delays sending.
     */
    private static final int RECEIVING_THREADS = 2;
    private static final long RECEIVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final String SENT_NS = "\"sent_ns\":";

    private FanOutBench() {}

    /** What one run measured; latencies in microseconds, over the rows sent after the warm-up. */
    record Figures(int clients, long rowsSent, long rowsReceived, double seconds, long p50Micros, long p99Micros,
            long maxMicros, double serverP50Ms, double serverP99Ms) {

        long rowsLost() {
            return rowsSent * clients - rowsReceived;
        }

        double rowsInPerSecond() {
            return rowsSent / seconds;
        }

        double rowsOutPerSecond() {
            return rowsReceived / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : DEMO_ROWS_PER_SECOND;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SECONDS;
        List<Integer> clients = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList() : DEFAULT_CLIENTS;
        System.out.printf(Locale.ROOT, "stream server fan-out: %.0f rows/s over %d streams, %d s measured after %d s"
                + " of warm-up; the server in a JVM of its own%n", rate, STREAMS.size(), seconds, WARM_UP_SECONDS);
        System.out.println("clients   rows/s in   rows/s out   p50 ms   p99 ms   max ms   rows lost"
                + "   server p50/p99 ms");
        for (int n : clients) {
            Figures f = run(n, rate, Math.round(rate * WARM_UP_SECONDS), Math.round(rate * seconds));
            System.out.printf(Locale.ROOT, "%7d %11.1f %12.1f %8.2f %8.2f %8.2f %11d %9.2f / %.2f%n", f.clients(),
                    f.rowsInPerSecond(), f.rowsOutPerSecond(), f.p50Micros() / 1e3, f.p99Micros() / 1e3,
                    f.maxMicros() / 1e3, f.rowsLost(), f.serverP50Ms(), f.serverP99Ms());
        }
    }

    /**
     * One run on a fresh server: {@code clients} receivers subscribe to {@link #STREAMS}, then
     * {@code warmUpRows} and {@code measuredRows} rows leave at {@code rowsPerSecond}, the streams
     * taking turns. Returns once every measured row has reached every client, or 30 s after the last
     * was sent.
     */
    static Figures run(int clients, double rowsPerSecond, long warmUpRows, long measuredRows) throws Exception {
        try (ServerProcess server = ServerProcess.start()) {
            List<HttpClient> receiverClients = new ArrayList<>();
            for (int i = 0; i < RECEIVING_THREADS; i++) {
                receiverClients.add(HttpClient.newBuilder().executor(Runnable::run).build());
            }
            URI streamUri = URI.create("ws://127.0.0.1:" + server.port() + "/ws/stream");
            Receiving received = new Receiving();
            List<WebSocket> sockets = new ArrayList<>();
            try {
                List<Receiver> receivers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    Receiver receiver = new Receiver(received);
                    receivers.add(receiver);
                    sockets.add(receiverClients.get(i % RECEIVING_THREADS).newWebSocketBuilder().buildAsync(streamUri, receiver)
                            .get(30, TimeUnit.SECONDS));
                }
                String subscribe = "{\"op\":\"subscribe\",\"streams\":[\"" + String.join("\",\"", STREAMS) + "\"],\"id\":1}";
                for (WebSocket socket : sockets) {
                    socket.sendText(subscribe, true).get(30, TimeUnit.SECONDS);
                }
                for (Receiver receiver : receivers) {
                    receiver.subscribed.get(30, TimeUnit.SECONDS);
                }
                WebSocket ingest = HttpClient.newBuilder().executor(Runnable::run).build().newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ingest"), new WebSocket.Listener() {})
                        .get(30, TimeUnit.SECONDS);
                sockets.add(ingest);
                send(ingest, rowsPerSecond, warmUpRows, measuredRows, received);
                long expected = measuredRows * clients;
                long deadline = System.nanoTime() + RECEIVE_TIMEOUT_NANOS;
                while (received.rows.sum() < expected && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                double seconds = Math.max(1, received.lastReceivedNanos.get() - received.measuredFromNanos) / 1e9;
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), BodyHandlers.ofString()).body();
                return new Figures(clients, measuredRows, received.rows.sum(), seconds,
                        received.micros.quantile(0.50), received.micros.quantile(0.99), received.maxMicros.get(),
                        sendLatencyMs(metrics, "0.5"), sendLatencyMs(metrics, "0.99"));
            } finally {
                sockets.forEach(WebSocket::abort);
            }
        }
    }

    /** The server's own ingest-to-send-completed quantile, in ms, from its /metrics (since it started). */
    static double sendLatencyMs(String metrics, String quantile) {
        String prefix = "orderflow_server_send_latency_seconds{quantile=\"" + quantile + "\"} ";
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())) * 1e3)
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + prefix + "in /metrics"));
    }

    /** Sends every row when it is due: all those due in one frame, each stamped as its frame leaves. */
    private static void send(WebSocket ingest, double rowsPerSecond, long warmUpRows, long measuredRows,
            Receiving receiving) {
        long total = warmUpRows + measuredRows;
        long start = System.nanoTime();
        StringBuilder frame = new StringBuilder();
        for (long k = 0; k < total; ) {
            LockSupport.parkNanos(start + dueNanos(k, rowsPerSecond) - System.nanoTime());
            long now = System.nanoTime();
            long wallMs = System.currentTimeMillis();
            frame.setLength(0);
            // The first measured row starts a frame: no warm-up row shares its stamp.
            for (; k < total && start + dueNanos(k, rowsPerSecond) <= now && (k != warmUpRows || frame.isEmpty()); k++) {
                if (k == warmUpRows) {
                    receiving.measuredFromNanos = now; // before the row leaves, so receivers see it
                }
                if (!frame.isEmpty()) {
                    frame.append('\n');
                }
                appendRow(frame, k, wallMs, now);
            }
            ingest.sendText(frame, true).join();
        }
    }

    private static long dueNanos(long k, double rowsPerSecond) {
        return (long) (k * 1e9 / rowsPerSecond);
    }

    /** The k-th row, shaped and sized like the job's prices rows (docs/live-protocol.md). */
    static void appendRow(StringBuilder out, long k, long wallMs, long sentNanos) {
        String stream = STREAMS.get((int) (k % STREAMS.size()));
        out.append("{\"stream\":\"").append(stream).append("\",\"seq\":").append(k / STREAMS.size() + 1)
                .append(",\"data\":{\"ts_ms\":").append(wallMs).append(',').append(SENT_NS).append(sentNanos)
                .append(",\"symbol\":\"").append(stream.substring(0, stream.indexOf('@')).toUpperCase(Locale.ROOT))
                .append("\",\"price\":60002.4,\"qty\":0.044,")
                .append("\"agg_trade_id\":1055396311,\"latency_ms\":1,\"recv_rate_tps\":4.9934659860398884}}");
    }

    /** What all receivers of a run share; the counts cover the measured rows only. */
    private static final class Receiving {
        // Set by the sender before the first measured row leaves; rows sent earlier are the warm-up.
        volatile long measuredFromNanos = Long.MAX_VALUE;
        final LinearHistogram micros = new LinearHistogram(MAX_MICROS);
        final LongAccumulator maxMicros = new LongAccumulator(Math::max, 0);
        final LongAccumulator lastReceivedNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);
        final LongAdder rows = new LongAdder();

        void received(long sentNanos, long nowNanos) {
            if (sentNanos < measuredFromNanos) {
                return;
            }
            long micros = (nowNanos - sentNanos) / 1_000;
            this.micros.record(micros);
            maxMicros.accumulate(micros);
            lastReceivedNanos.accumulate(nowNanos);
            rows.increment();
        }
    }

    /** One client: times each row it receives; JDK WebSocket calls it one message at a time. */
    private static final class Receiver implements WebSocket.Listener {

        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final Receiving receiving;
        private final StringBuilder partial = new StringBuilder();

        Receiver(Receiving receiving) {
            this.receiving = receiving;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                int at = partial.indexOf(SENT_NS);
                if (at >= 0) {
                    receiving.received(parseLong(partial, at + SENT_NS.length()), now);
                } else if (partial.indexOf("\"result\":\"ok\"") >= 0) {
                    subscribed.complete(null);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            subscribed.completeExceptionally(error);
        }

        private static long parseLong(CharSequence text, int from) {
            long value = 0;
            for (int i = from; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
            return value;
        }
    }
}
