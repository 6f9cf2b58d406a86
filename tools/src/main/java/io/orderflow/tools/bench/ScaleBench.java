package io.orderflow.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.OfiRow;
import io.orderflow.job.MarketSources;
import io.orderflow.job.OrderflowJob;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.source.binance.reader.BinanceSourceMetrics;
import io.orderflow.testkit.loopback.SymbolRates;
import io.orderflow.tools.local.LocalDemo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Issue 17's scale figures ({@code jobs/scale.sh}, docs/performance.md): N symbols with skewed rates
 * (a few busy, a long quiet tail: {@link SymbolRates#zipf}) from the loopback exchange in a JVM of
 * its own, through the real WebSocket source into the whole job (Parquet in a temporary directory,
 * a checkpoint every minute as a harvest's), in this JVM, whose heap {@code jobs/scale.sh} fixes.
 *
 * <p>After a warm-up that lasts until every symbol's book has synced (its first {@code ofi} row),
 * it measures for the given seconds and prints, each with PASS or FAIL against its target:
 * receive-to-row latency of the {@code prices} rows (p50, p99, max), the durations of the checkpoints
 * triggered meanwhile (max, p50, and why any failed, from the job's REST API), the source task's back-pressured time per second, books dropped or conflated for want of
 * room in the hand-off and resyncs (the source's counters, over the whole run), and the peak RSS of
 * this process and of the exchange's. Exit status 0 when every target holds, 1 when one does not, 2
 * for bad arguments, 3 when the run itself failed.
 *
 * <p>Usage: {@code ScaleBench [symbols] [seconds] [--warm-up-max S] [--top-rate R] [--skew S]
 * [--checkpoint-sec N] [--sink parquet|discard] [--exchange-opts "JVM options"]}.
 */
public final class ScaleBench {

    static final long LATENCY_P99_TARGET_MS = 50;
    static final long CHECKPOINT_TARGET_MS = 5_000;
    static final long RSS_TARGET_BYTES = 2L << 30;
    /** Back-pressured ms per second from which a second counts as back-pressured. */
    static final long BACKPRESSURED_MS = 500;
    /** Sustained: this many back-pressured seconds in a row, or more. */
    static final int SUSTAINED_SECONDS = 5;

    /** The job's metrics, as the reporter saw them registered. */
    private static final Map<Metric, MetricRef> METRICS = new ConcurrentHashMap<>();
    /** Symbols that produced an {@code ofi} row: their book synced. */
    private static final Set<String> SYNCED = ConcurrentHashMap.newKeySet();

    private ScaleBench() {}

    /** The bench's settings, checked. */
    record Settings(int symbols, int seconds, int warmUpMaxSeconds, double topRate, double skew, int checkpointSec,
            boolean parquet, List<String> exchangeOptions) {

        static final String USAGE = "ScaleBench [symbols] [seconds] [--warm-up-max S] [--top-rate R] [--skew S]"
                + " [--checkpoint-sec N] [--sink parquet|discard] [--exchange-opts \"JVM options\"]";

        Settings {
            require(symbols >= 1 && symbols <= 5_000, "symbols must be 1 to 5000, got " + symbols);
            require(seconds >= 10, "seconds must be at least 10, got " + seconds);
            require(warmUpMaxSeconds >= 1, "--warm-up-max must be at least 1, got " + warmUpMaxSeconds);
            require(topRate > 0, "--top-rate must be positive, got " + topRate);
            require(skew >= 0, "--skew must be 0 or more, got " + skew);
            require(checkpointSec >= 1 && checkpointSec <= 3_600, "--checkpoint-sec must be 1 to 3600, got "
                    + checkpointSec);
            exchangeOptions = List.copyOf(exchangeOptions);
        }

        /** @throws IllegalArgumentException with what is wrong */
        static Settings parse(String... args) {
            List<String> positional = new ArrayList<>();
            Map<String, String> flags = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    flags.put(args[i], args[++i]);
                } else {
                    positional.add(args[i]);
                }
            }
            Set<String> known = Set.of("--warm-up-max", "--top-rate", "--skew", "--checkpoint-sec", "--sink",
                    "--exchange-opts");
            for (String flag : flags.keySet()) {
                require(known.contains(flag), "unknown flag " + flag);
            }
            require(positional.size() <= 2, "at most two numbers (symbols, seconds), got " + positional);
            String sink = flags.getOrDefault("--sink", "parquet");
            require(sink.equals("parquet") || sink.equals("discard"), "--sink is parquet or discard, got " + sink);
            String options = flags.getOrDefault("--exchange-opts", "").trim();
            return new Settings(
                    integer(positional.size() > 0 ? positional.get(0) : "500", "symbols"),
                    integer(positional.size() > 1 ? positional.get(1) : "180", "seconds"),
                    integer(flags.getOrDefault("--warm-up-max", "600"), "--warm-up-max"),
                    number(flags.getOrDefault("--top-rate", "400"), "--top-rate"),
                    number(flags.getOrDefault("--skew", "1"), "--skew"),
                    integer(flags.getOrDefault("--checkpoint-sec", "60"), "--checkpoint-sec"),
                    sink.equals("parquet"),
                    options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+")));
        }

        private static int integer(String text, String what) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a whole number, got " + text);
            }
        }

        private static double number(String text, String what) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a number, got " + text);
            }
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** {@code n} symbol names, busiest first: two real ones, then made-up ones Binance's grammar accepts. */
    static List<String> symbols(int n) {
        List<String> symbols = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            symbols.add(i == 1 ? "BTCUSDT" : i == 2 ? "ETHUSDT" : String.format(Locale.ROOT, "S%04dUSDT", i));
        }
        return symbols;
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("scale bench: " + e.getMessage() + "\nusage: " + Settings.USAGE);
            System.exit(2);
            return;
        }
        boolean pass;
        try {
            pass = run(settings);
        } catch (Exception | Error e) {
            // Not a FAIL: jobs/scale.sh stops stepping on anything but 1.
            e.printStackTrace();
            System.exit(3);
            return;
        }
        System.exit(pass ? 0 : 1);
    }

    private static boolean run(Settings settings) throws Exception {
        List<String> symbols = symbols(settings.symbols());
        double total = SymbolRates.total(SymbolRates.zipf(symbols, settings.topRate(), settings.skew()));
        System.out.printf(Locale.ROOT, "scale: %d symbols, %.0f events/s for the busiest, skew %.2f: %.0f events/s"
                        + " in all (the quietest %.2f/s); checkpoint every %d s; %s; job heap %d MB%n",
                symbols.size(), settings.topRate(), settings.skew(), total,
                settings.topRate() / Math.pow(symbols.size(), settings.skew()), settings.checkpointSec(),
                settings.parquet() ? "Parquet" : "sinks discard", Runtime.getRuntime().maxMemory() >> 20);
        Path work = Files.createTempDirectory("orderflow-scale");
        try (ExchangeProcess exchange = ExchangeProcess.start(symbols, settings.topRate(), settings.skew(),
                settings.exchangeOptions())) {
            OrderflowConfig config = OrderflowConfig.defaults()
                    .with("SYMBOLS", String.join(",", symbols))
                    .with("BINANCE_MARKET", "usdm")
                    .with("OUTPUT_DIR", work.resolve("data").toString())
                    .with("STATE_DIR", work.resolve("state").toString())
                    .with("PARQUET_ROTATE_SEC", Integer.toString(settings.checkpointSec()))
                    .with("WEB_UI_PORT", Integer.toString(freePort()));
            Configuration conf = LocalDemo.flinkConfiguration(config);
            conf.setString("metrics.reporter.scale.factory.class", Reporter.class.getName());
            conf.setString("web.checkpoints.history", "1000"); // every checkpoint of the run, for Checkpoints
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
            OrderflowJob.Sinks sinks = settings.parquet() ? OrderflowJob.parquetSinks(config) : discarding();
            OrderflowJob.Signals signals = new OrderflowJob(config,
                    MarketSources.binance(config, exchange.wsBaseUrl(), exchange.restBaseUrl()), sinks).addTo(env);
            signals.prices().sinkTo(LatencyTap.sink()).name("latency tap");
            signals.ofi().sinkTo(syncTap()).name("sync tap");
            long started = System.nanoTime();
            JobClient job = env.executeAsync("orderflow scale bench");
            try {
                long warmUpEnd = started + TimeUnit.SECONDS.toNanos(settings.warmUpMaxSeconds());
                while (SYNCED.size() < symbols.size() && System.nanoTime() < warmUpEnd) {
                    TimeUnit.SECONDS.sleep(1);
                    requireRunning(job, exchange);
                }
                System.out.printf(Locale.ROOT, "warm-up: %d of %d books synced after %.0f s%n", SYNCED.size(),
                        symbols.size(), (System.nanoTime() - started) / 1e9);
                return measure(settings, job, exchange, config.webUiPort());
            } finally {
                job.cancel().get(1, TimeUnit.MINUTES);
                // The sinks publish what they committed as they close: not into a deleted directory.
                long stopBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (!job.getJobStatus().get().isGloballyTerminalState() && System.nanoTime() < stopBy) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
        } finally {
            ReplayBench.deleteRecursively(work);
        }
    }

    private static boolean measure(Settings settings, JobClient job, ExchangeProcess exchange, int restPort)
            throws Exception {
        LatencyTap.reset();
        long startMs = System.currentTimeMillis();
        long sentBefore = exchange.messagesSent();
        long jobCpuBefore = cpuTicks(ProcessHandle.current().pid());
        long exchangeCpuBefore = cpuTicks(exchange.pid());
        long start = System.nanoTime();
        List<Long> backPressured = new ArrayList<>();
        Map<String, double[]> busy = new LinkedHashMap<>();
        long handoffMax = 0;
        // Picked once: with per-symbol metrics the job registers tens of thousands.
        List<Gauge<?>> sourceBackPressure = gauges("backPressuredTimeMsPerSecond", "Source");
        List<Gauge<?>> handoffDepths = gauges(BinanceSourceMetrics.HANDOFF_DEPTH, "");
        // The Parquet sinks' publishers (docs/output.md#how-files-are-written), one per kind and subtask.
        List<Gauge<?>> publishSeconds = gauges("publish_sec", "");
        List<Gauge<?>> stagedWaiting = gauges("staged_files_waiting", "");
        double publishMax = 0;
        long waitingMax = 0;
        Map<Gauge<?>, String> busyTasks = new LinkedHashMap<>();
        METRICS.forEach((metric, ref) -> {
            if (ref.name().equals("busyTimeMsPerSecond") && metric instanceof Gauge<?> gauge) {
                busyTasks.put(gauge, ref.task());
            }
        });
        for (int second = 0; second < settings.seconds(); second++) {
            TimeUnit.SECONDS.sleep(1);
            requireRunning(job, exchange);
            backPressured.add(sourceBackPressure.stream().mapToLong(ScaleBench::longValue).max().orElse(0));
            handoffMax = Math.max(handoffMax, handoffDepths.stream().mapToLong(ScaleBench::longValue).sum());
            for (Gauge<?> gauge : publishSeconds) {
                if (gauge.getValue() instanceof Double last && !last.isNaN()) {
                    publishMax = Math.max(publishMax, last);
                }
            }
            waitingMax = Math.max(waitingMax, stagedWaiting.stream().mapToLong(ScaleBench::longValue).sum());
            busyTasks.forEach((gauge, task) ->
                    busy.computeIfAbsent(task, t -> new double[1])[0] += ((Number) gauge.getValue()).doubleValue());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double inputRate = (exchange.messagesSent() - sentBefore) / seconds;
        double jobCores = (cpuTicks(ProcessHandle.current().pid()) - jobCpuBefore) / TICKS_PER_SECOND / seconds;
        double exchangeCores = (cpuTicks(exchange.pid()) - exchangeCpuBefore) / TICKS_PER_SECOND / seconds;
        long jobPeak = peakRss(ProcessHandle.current().pid());
        long exchangePeak = peakRss(exchange.pid());

        System.out.printf(Locale.ROOT, "measured %.0f s at %,.0f messages/s from the exchange; CPU: job %.2f cores,"
                + " exchange %.2f cores%n", seconds, inputRate, jobCores, exchangeCores);
        long p99 = LatencyTap.quantileMs(0.99);
        List<Boolean> verdicts = new ArrayList<>();
        verdicts.add(verdict(p99 <= LATENCY_P99_TARGET_MS, String.format(Locale.ROOT,
                "receive-to-row (prices, %,d rows): p50 %d ms, p99 %d ms, max %d ms (target p99 <= %d ms)",
                LatencyTap.count(), LatencyTap.quantileMs(0.5), p99, LatencyTap.quantileMs(1.0),
                LATENCY_P99_TARGET_MS)));
        Checkpoints checkpoints = Checkpoints.of(restPort, job.getJobID().toString(), startMs);
        List<Long> sorted = checkpoints.completedMs().stream().sorted().toList();
        long checkpointMax = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
        verdicts.add(verdict(!sorted.isEmpty() && checkpointMax < CHECKPOINT_TARGET_MS
                        && checkpoints.failures().isEmpty(), String.format(Locale.ROOT,
                "checkpoints: %d completed, max %d ms, p50 %d ms, failed %d %s(target: some, none failed, all under"
                        + " %d ms)", sorted.size(), checkpointMax, sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2),
                checkpoints.failures().size(), checkpoints.failures(), CHECKPOINT_TARGET_MS)));
        int longest = longestSpell(backPressured);
        verdicts.add(verdict(longest < SUSTAINED_SECONDS, String.format(Locale.ROOT,
                "source back-pressured: mean %.0f ms/s, max %d ms/s, longest spell >= %d ms/s %d s (target < %d s);"
                        + " hand-off depth max %,d",
                backPressured.stream().mapToLong(Long::longValue).average().orElse(0),
                backPressured.stream().mapToLong(Long::longValue).max().orElse(0), BACKPRESSURED_MS, longest,
                SUSTAINED_SECONDS, handoffMax)));
        long dropped = counter(BinanceSourceMetrics.DEPTH_FRAMES_DROPPED);
        long resyncs = counter(BinanceSourceMetrics.BOOK_RESYNCS);
        verdicts.add(verdict(dropped == 0 && resyncs == 0, String.format(Locale.ROOT,
                "books dropped or conflated %d, resyncs %d, reconnects %d, trade gaps %d, unsynced %d"
                        + " (whole run; target: no drop, no resync)", dropped, resyncs,
                counter(BinanceSourceMetrics.WS_RECONNECTS), counter(BinanceSourceMetrics.TRADE_GAPS),
                counter(BinanceSourceMetrics.BOOK_UNSYNCED))));
        if (!publishSeconds.isEmpty()) {
            verdicts.add(verdict(publishMax < settings.checkpointSec(), String.format(Locale.ROOT,
                    "Parquet publishing: longest publish %.1f s, staged files waiting after one at most %d, hour"
                            + " files sealed in the whole run %d (target: each publish shorter than a checkpoint interval, %d s)",
                    publishMax, waitingMax, counter("sealed_files_total"), settings.checkpointSec())));
        }
        verdicts.add(verdict(jobPeak < RSS_TARGET_BYTES, String.format(Locale.ROOT,
                "RSS peak: job %d MB (target < %d MB); exchange %d MB (its own process, not judged)",
                jobPeak >> 20, RSS_TARGET_BYTES >> 20, exchangePeak >> 20)));
        System.out.printf("job heap in use after a full collection: %d MB%n", liveHeapBytes() >> 20);
        System.out.println("busiest tasks (mean busy ms/s, subtasks summed):");
        busy.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .limit(5)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6.0f  %s%n", e.getValue()[0] / seconds, e.getKey()));
        boolean pass = !verdicts.contains(false);
        System.out.printf("scale %d symbols: %s%n", settings.symbols(), pass ? "PASS" : "FAIL");
        return pass;
    }

    private static boolean verdict(boolean pass, String line) {
        System.out.println((pass ? "PASS  " : "FAIL  ") + line);
        return pass;
    }

    /** The longest run of consecutive seconds at or over {@link #BACKPRESSURED_MS}. */
    static int longestSpell(List<Long> msPerSecond) {
        int longest = 0;
        int current = 0;
        for (long ms : msPerSecond) {
            current = ms >= BACKPRESSURED_MS ? current + 1 : 0;
            longest = Math.max(longest, current);
        }
        return longest;
    }

    /** The gauges of that name, of the tasks whose name starts with {@code taskPrefix}. */
    private static List<Gauge<?>> gauges(String name, String taskPrefix) {
        List<Gauge<?>> gauges = new ArrayList<>();
        METRICS.forEach((metric, ref) -> {
            if (ref.name().equals(name) && ref.task().startsWith(taskPrefix) && metric instanceof Gauge<?> gauge) {
                gauges.add(gauge);
            }
        });
        return gauges;
    }

    private static long longValue(Gauge<?> gauge) {
        return gauge.getValue() instanceof Number number ? number.longValue() : 0;
    }

    /** Summed over the source's readers. */
    private static long counter(String name) {
        long sum = 0;
        for (Map.Entry<Metric, MetricRef> entry : METRICS.entrySet()) {
            if (entry.getValue().name().equals(name) && entry.getKey() instanceof Counter counter) {
                sum += counter.getCount();
            }
        }
        return sum;
    }

    /** What the job keeps, measured after the figures (the collection pauses the job). */
    private static long liveHeapBytes() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Linux's clock ticks ({@code getconf CLK_TCK}), the unit of a process's CPU times in /proc. */
    private static final double TICKS_PER_SECOND = 100;

    /** CPU time a process has used, user and system, in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
    }

    /** VmHWM of a process: its resident set's peak, in bytes. */
    static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        throw new IOException("no VmHWM in /proc/" + pid + "/status");
    }

    private static void requireRunning(JobClient job, ExchangeProcess exchange) throws Exception {
        if (!exchange.isAlive()) {
            throw new IllegalStateException("the exchange process died");
        }
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            throw new IllegalStateException("the job ended: " + job.getJobStatus().get());
        }
    }

    private static OrderflowJob.Sinks discarding() {
        return new OrderflowJob.Sinks(new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(),
                new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>());
    }

    private static Sink<OfiRow> syncTap() {
        return context -> new SinkWriter<>() {
            @Override
            public void write(OfiRow row, Context context) {
                SYNCED.add(row.symbol());
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The checkpoints triggered since {@code sinceMs}, from the job's REST API (its checkpoint
     * history): end-to-end durations of the completed ones, and why the others failed.
     */
    record Checkpoints(List<Long> completedMs, List<String> failures) {

        static Checkpoints of(int restPort, String jobId, long sinceMs) throws IOException, InterruptedException {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + restPort + "/jobs/" + jobId + "/checkpoints")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<Long> completed = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (JsonNode checkpoint : new ObjectMapper().readTree(response.body()).path("history")) {
                if (checkpoint.path("trigger_timestamp").asLong() < sinceMs) {
                    continue;
                }
                switch (checkpoint.path("status").asText()) {
                    case "COMPLETED" -> completed.add(checkpoint.path("end_to_end_duration").asLong());
                    case "FAILED" -> failures.add(checkpoint.path("id").asText() + ": "
                            + checkpoint.path("failure_message").asText());
                    default -> { } // still in progress when the measurement ended
                }
            }
            return new Checkpoints(completed, failures);
        }
    }

    /** A metric's name and the task it belongs to ({@code ""} for the JobManager's). */
    record MetricRef(String name, String task) {}

    /** Keeps the job's metrics where the bench can read them. */
    public static final class Reporter implements MetricReporter, MetricReporterFactory {

        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }

        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            Map<String, String> variables = group.getAllVariables();
            if (!variables.containsKey("<" + BinanceSourceMetrics.CONNECTION + ">")) { // the readers' totals only
                METRICS.put(metric, new MetricRef(name, variables.getOrDefault("<task_name>", "")));
            }
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
            METRICS.remove(metric);
        }
    }
}
