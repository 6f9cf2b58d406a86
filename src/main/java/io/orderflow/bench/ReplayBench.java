package io.orderflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.OrderflowJob;
import io.orderflow.config.OrderflowConfig;
import io.orderflow.exchange.binance.MarketType;
import io.orderflow.replay.MessageReader;
import io.orderflow.replay.RecordedMessage;
import io.orderflow.replay.Recording;
import io.orderflow.source.replay.ReplaySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bench command (README): how fast the whole job runs against how fast plain Jackson merely
 * parses the same bytes.
 *
 * <ol>
 *   <li>Plain Jackson: {@code ObjectMapper.readTree} over every recorded message, in a loop.
 *   <li>The job: the recording replayed {@code copies} times through parse → order book → signals →
 *       Parquet, as fast as it goes; messages per second of job runtime.
 * </ol>
 *
 * <p>Usage: {@code ReplayBench [recording.gz] [copies]}. Figures vary with the machine and its
 * load: compare the two rates of one run, not runs of different days.
 */
public final class ReplayBench {

    static final Path DEFAULT_RECORDING = Path.of("src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz");
    static final int DEFAULT_COPIES = 20;
    static final long BASELINE_MILLIS = 5_000;

    private ReplayBench() {}

    public static void main(String[] args) throws Exception {
        Path recording = args.length > 0 ? Path.of(args[0]) : DEFAULT_RECORDING;
        int copies = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_COPIES;
        List<String> messages = messagesOf(recording);
        System.out.printf(Locale.ROOT, "recording %s: %,d messages, %,d bytes%n", recording, messages.size(),
                messages.stream().mapToLong(String::length).sum());

        double jackson = plainJacksonRate(messages);
        System.out.printf(Locale.ROOT, "plain Jackson readTree : %,12.0f msgs/s%n", jackson);

        double job = jobRate(recording, copies, messages.size());
        System.out.printf(Locale.ROOT, "whole job (replay x%d) : %,12.0f msgs/s = %.0f %% of plain Jackson%n",
                copies, job, 100 * job / jackson);
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

    /** Messages per second that {@code readTree} parses, after a warm-up of the same length. */
    static double plainJacksonRate(List<String> messages) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        long parsed = 0;
        for (int round = 0; round < 2; round++) {
            parsed = 0;
            long start = System.nanoTime();
            long deadline = start + BASELINE_MILLIS * 1_000_000;
            while (System.nanoTime() < deadline) {
                for (String message : messages) {
                    mapper.readTree(message);
                }
                parsed += messages.size();
            }
            if (round == 1) {
                return parsed / ((System.nanoTime() - start) / 1e9);
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Messages per second of the whole job over {@code copies} replays of the recording. */
    static double jobRate(Path recording, int copies, int messagesPerCopy) throws Exception {
        Path work = Files.createTempDirectory("orderflow-bench");
        try {
            List<String> files = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                Path copy = work.resolve("copy" + i + "-" + recording.getFileName());
                Files.copy(recording, copy);
                files.add(copy.toString());
            }
            OrderflowConfig config = OrderflowConfig.defaults()
                    .with("OUTPUT_DIR", work.resolve("data").toString())
                    .with("PARQUET_ROTATE_SEC", "10");
            ReplaySource source = ReplaySource.builder()
                    .files(files)
                    .market(MarketType.SPOT)
                    .bookLevels(config.bookLevels())
                    .paced(false)
                    .build();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
            new OrderflowJob(config, source, OrderflowJob.parquetSinks(config)).addTo(env);
            JobExecutionResult result = env.execute("orderflow bench");
            return (double) copies * messagesPerCopy / (result.getNetRuntime() / 1e3);
        } finally {
            deleteRecursively(work);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
