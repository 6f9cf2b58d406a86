package io.orderflow.tools.bench;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.replay.MessageReader;
import io.orderflow.core.replay.RecordedMessage;
import io.orderflow.core.replay.Recording;
import io.orderflow.job.MarketSources;
import io.orderflow.job.OrderflowJob;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.source.replay.ReplaySource;
import io.orderflow.tools.local.LocalDemo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;

/**
 * The bench command (README): how fast the whole job runs against how fast plain Jackson merely
 * parses the same bytes.
 *
 * <ol>
 *   <li>The job: the recording replayed {@code copies} times through parse → order book → signals →
 *       Parquet, as fast as it goes; messages per second of job runtime. Against it, plain Jackson:
 *       {@code ObjectMapper.readTree} over every recorded message, in a loop, in a JVM of its own,
 *       right before and after each run ({@link JacksonBaseline}).
 *   <li>Latency: the loopback exchange sends Binance messages at a fixed rate to the job's real
 *       WebSocket source; receive-to-output latency of the {@code prices} rows, p50 and p99.
 * </ol>
 *
 * <p>Usage: {@code ReplayBench [recording.gz] [copies] [events/s per symbol] [seconds]}. Figures vary
 * with the machine and its load: compare the job with the baseline measured beside it, not runs of
 * different days.
 */
public final class ReplayBench {

    static final Path DEFAULT_RECORDING = Path.of("core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz");
    static final int DEFAULT_COPIES = 60;
    /** The JIT keeps improving the job's code over its first runs (about half a minute). */
    static final int WARM_UP_JOB_RUNS = 5;
    static final int MEASURED_JOB_RUNS = 7;
    /** Events per second per symbol of the loopback market: about 10,000 messages/s for two symbols. */
    static final double DEFAULT_LATENCY_RATE = 30_000;
    static final int DEFAULT_LATENCY_SECONDS = 30;
    static final long WARM_UP_MILLIS = 10_000;

    private ReplayBench() {}

    public static void main(String[] args) throws Exception {
        Path recording = args.length > 0 ? Path.of(args[0]) : DEFAULT_RECORDING;
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_COPIES;
        List<String> messages = messagesOf(recording);
        System.out.printf(Locale.ROOT, "recording %s: %,d messages, %,d bytes%n", recording, messages.size(),
                messages.stream().mapToLong(String::length).sum());

        System.out.println("network edges serialize with: " + networkEdgeSerializers(recording));
        throughput(recording, copies, messages);

        double rate = args.length > 2 ? Double.parseDouble(args[2]) : DEFAULT_LATENCY_RATE;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_LATENCY_SECONDS;
        latency(rate, seconds);
    }

    /**
     * Receive-to-output latency over {@code seconds} after a warm-up, at the loopback exchange's rate.
     * The exchange runs in a process of its own, as Binance would.
     */
    static void latency(double eventsPerSecondPerSymbol, int seconds) throws Exception {
        Path work = Files.createTempDirectory("orderflow-bench");
        try (ExchangeProcess exchange = ExchangeProcess.start(List.of("BTCUSDT", "ETHUSDT"), eventsPerSecondPerSymbol)) {
            OrderflowConfig config = benchConfig(work);
            StreamExecutionEnvironment env = localEnvironment(config);
            OrderflowJob.Signals signals = new OrderflowJob(config,
                            MarketSources.binance(config, exchange.wsBaseUrl(), exchange.restBaseUrl()),
                            OrderflowJob.parquetSinks(config))
                    .addTo(env);
            signals.prices().sinkTo(LatencyTap.sink()).name("latency tap");
            JobClient job = env.executeAsync("orderflow latency bench");
            try {
                Thread.sleep(WARM_UP_MILLIS); // JIT, connections, book sync: not measured
                LatencyTap.reset();
                long sentBefore = exchange.messagesSent();
                long start = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                double inputRate = (exchange.messagesSent() - sentBefore) / ((System.nanoTime() - start) / 1e9);
                System.out.printf(Locale.ROOT,
                        "latency at %,9.0f msgs/s : p50 %d ms, p99 %d ms, p99.9 %d ms over %,d trades%n",
                        inputRate, LatencyTap.quantileMs(0.50), LatencyTap.quantileMs(0.99),
                        LatencyTap.quantileMs(0.999), LatencyTap.count());
            } finally {
                job.cancel().get();
            }
        } finally {
            deleteRecursively(work);
        }
    }

    /** The job's graph on the recording, as the throughput runs build it, and its network edges' serializers. */
    private static Set<String> networkEdgeSerializers(Path recording) throws IOException {
        Path work = Files.createTempDirectory("orderflow-bench");
        try {
            return networkEdgeSerializers(replayJob(work, List.of(recording.toString())).getStreamGraph());
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * The serializers of the records crossing network edges (all but forward ones): the records' own
     * ones, which {@code RecordTypes} registers, or the bench measures another job than production's.
     */
    public static Set<String> networkEdgeSerializers(StreamGraph graph) {
        Set<String> names = new TreeSet<>();
        for (StreamNode node : graph.getStreamNodes()) {
            for (StreamEdge edge : node.getInEdges()) {
                if (!(edge.getPartitioner() instanceof ForwardPartitioner)) {
                    // typeNumber is 0 for a one-input operator, 1 or 2 for the inputs of a two-input one.
                    TypeSerializer<?> in = node.getTypeSerializersIn()[Math.max(0, edge.getTypeNumber() - 1)];
                    names.add(in.getClass().getSimpleName());
                }
            }
        }
        return names;
    }

    static List<String> messagesOf(Path file) throws IOException {
        List<String> texts = new ArrayList<>();
        try (MessageReader reader = Recording.hftbacktest(file).open()) {
            for (RecordedMessage m = reader.next(); m != null; m = reader.next()) {
                texts.add(m.text());
            }
        }
        return texts;
    }

    /**
     * The job's rate against plain Jackson's, the baseline measured right before and after every
     * measured job run: this machine's speed drifts by ±30 % within a minute (it shares its host), so
     * a baseline taken once, minutes away from a run, says little about that run. Reports the medians
     * of the job rates, of the baselines and of the per-run ratios (each run against the mean of its
     * two baselines), after {@value #WARM_UP_JOB_RUNS} unmeasured runs that warm the JIT, as the
     * baseline is warm: a cold JVM runs the first job at about a third of the speed it settles at.
     */
    static void throughput(Path recording, int copies, List<String> messages) throws Exception {
        for (int run = 0; run < WARM_UP_JOB_RUNS; run++) {
            System.out.printf(Locale.ROOT, "whole job, warm-up %d   : %,12.0f msgs/s (not counted)%n", run + 1,
                    jobRate(recording, copies, messages.size()));
        }
        double[] jobRates = new double[MEASURED_JOB_RUNS];
        double[] baselines = new double[MEASURED_JOB_RUNS + 1];
        double[] ratios = new double[MEASURED_JOB_RUNS];
        try (JacksonBaseline jackson = JacksonBaseline.start(recording)) {
            baselines[0] = jackson.measure();
            for (int run = 0; run < MEASURED_JOB_RUNS; run++) {
                jobRates[run] = jobRate(recording, copies, messages.size());
                baselines[run + 1] = jackson.measure();
                ratios[run] = jobRates[run] / ((baselines[run] + baselines[run + 1]) / 2);
                System.out.printf(Locale.ROOT,
                        "whole job, run %d      : %,12.0f msgs/s; Jackson %,.0f before, %,.0f after: %.0f %%%n",
                        run + 1, jobRates[run], baselines[run], baselines[run + 1], 100 * ratios[run]);
            }
        }
        System.out.printf(Locale.ROOT, "plain Jackson readTree : %,12.0f msgs/s (median, in a JVM of its own)%n",
                median(baselines));
        System.out.printf(Locale.ROOT, "whole job (replay x%d) : %,12.0f msgs/s (median)%n", copies, median(jobRates));
        System.out.printf(Locale.ROOT, "job / plain Jackson    : %12.0f %% (median of the runs' ratios)%n",
                100 * median(ratios));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Messages per second of the whole job over {@code copies} replays of the recording, from job
     * submission to its end (deployment and the final Parquet commit included).
     */
    static double jobRate(Path recording, int copies, int messagesPerCopy) throws Exception {
        Path work = Files.createTempDirectory("orderflow-bench");
        try {
            List<String> files = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                Path copy = work.resolve("copy" + i + "-" + recording.getFileName());
                Files.copy(recording, copy);
                files.add(copy.toString());
            }
            JobExecutionResult result = replayJob(work, files).execute("orderflow bench");
            return (double) copies * messagesPerCopy / (result.getNetRuntime() / 1e3);
        } finally {
            deleteRecursively(work);
        }
    }

    /** The whole job over the files, unpaced, writing Parquet under {@code work}, on a local cluster. */
    private static StreamExecutionEnvironment replayJob(Path work, List<String> files) throws IOException {
        OrderflowConfig config = benchConfig(work);
        ReplaySource source = ReplaySource.builder()
                .files(files)
                .market(MarketType.SPOT)
                .bookLevels(config.bookLevels())
                .paced(false)
                .build();
        StreamExecutionEnvironment env = localEnvironment(config);
        new OrderflowJob(config, source, OrderflowJob.parquetSinks(config)).addTo(env);
        return env;
    }

    private static OrderflowConfig benchConfig(Path work) throws IOException {
        return OrderflowConfig.defaults()
                .with("OUTPUT_DIR", work.resolve("data").toString())
                .with("STATE_DIR", work.resolve("state").toString())
                .with("PARQUET_ROTATE_SEC", "10")
                .with("WEB_UI_PORT", Integer.toString(freePort()));
    }

    /** A local cluster with the Flink settings of every local run (flink-conf/). */
    private static StreamExecutionEnvironment localEnvironment(OrderflowConfig config) {
        return StreamExecutionEnvironment.createLocalEnvironment(LocalDemo.flinkConfiguration(config));
    }

    /** The local cluster's REST endpoint must not collide with a demo running beside the bench. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Flink may still be discarding old checkpoints after the job ended: files can vanish meanwhile. */
    static void deleteRecursively(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
