package io.orderflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

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

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private JacksonBaseline(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        field("ready");
    }

    /** A baseline process for {@code recording}, warmed up. */
    static JacksonBaseline start(Path recording) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        JacksonBaseline.class.getName(), recording.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            return new JacksonBaseline(process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Messages per second that {@code readTree} parses now. */
    double measure() throws IOException {
        in.println();
        return Double.parseDouble(field("rate"));
    }

    @Override
    public void close() throws InterruptedException {
        in.close(); // end of input: the child returns
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private String field(String name) throws IOException {
        String line = out.readLine();
        if (line == null || !(line.equals(name) || line.startsWith(name + " "))) {
            throw new IOException("the Jackson baseline process said " + line + " where " + name + " was expected");
        }
        return line.substring(name.length()).trim();
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
