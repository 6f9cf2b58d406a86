package io.orderflow.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Plain Jackson's rate on a recording, measured in a JVM of its own that runs nothing else: in the
 * bench's JVM, after the job has run, the same loop is about 20 % slower (its JIT profiles are shared
 * with the job's parser), which would flatter the job. The process waits, idle, between measurements,
 * so the bench can take one right before and after each job run.
 *
 * <p>Protocol: the child prints {@code ready} once warm; each line read from its standard input is
 * answered with {@code rate <messages per second>} over {@link #MEASURE_MILLIS}.
 */
final class JacksonBaseline implements AutoCloseable {

    static final long MEASURE_MILLIS = 3_000;
    private static final int WARM_UP_ROUNDS = 3;

    private final ChildJvm jvm;

    private JacksonBaseline(ChildJvm jvm) throws IOException {
        this.jvm = jvm;
        jvm.field("ready");
    }

    /** A baseline process for {@code recording}, warmed up. */
    static JacksonBaseline start(Path recording) throws IOException, InterruptedException {
        return ChildJvm.start("the Jackson baseline process", JacksonBaseline.class, List.of(recording.toString()),
                JacksonBaseline::new);
    }

    /** Messages per second that {@code readTree} parses now. */
    double measure() throws IOException {
        jvm.request();
        return Double.parseDouble(jvm.field("rate"));
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    /** The child: {@code JacksonBaseline <recording.gz>}. */
    public static void main(String[] args) throws IOException {
        List<String> messages = ReplayBench.messagesOf(Path.of(args[0]));
        ObjectMapper mapper = new ObjectMapper();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            rate(mapper, messages);
        }
        System.out.println("ready");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (commands.readLine() != null) {
            System.out.printf(Locale.ROOT, "rate %.1f%n", rate(mapper, messages));
        }
    }

    /** Messages per second that {@code readTree} parses, over {@value #MEASURE_MILLIS} ms. */
    static double rate(ObjectMapper mapper, List<String> messages) throws IOException {
        long parsed = 0;
        long start = System.nanoTime();
        long deadline = start + MEASURE_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (String message : messages) {
                mapper.readTree(message);
            }
            parsed += messages.size();
        }
        return parsed / ((System.nanoTime() - start) / 1e9);
    }
}
