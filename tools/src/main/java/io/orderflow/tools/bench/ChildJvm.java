package io.orderflow.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own for one part of the bench, started from this one's class path. It talks over its
 * standard streams: a line sent is a request, and it prints {@code <name> <value>} lines (or a bare
 * {@code <name>}) in answer. Its standard error goes to ours.
 */
final class ChildJvm implements AutoCloseable {

    private final String what;
    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;

    private ChildJvm(String what, Process process) {
        this.what = what;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts {@code main} with {@code args}; {@code what} names it in failures. */
    static ChildJvm start(String what, Class<?> main, List<String> args) throws IOException {
        return start(what, List.of(), main, args);
    }

    /** Starts {@code main} with the JVM's own options first, e.g. a heap size. */
    static ChildJvm start(String what, List<String> jvmOptions, Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // A bench stopped by a signal skips its finally blocks: the child must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop " + what));
        return new ChildJvm(what, process);
    }

    /**
     * Starts {@code main} and hands it to {@code attach}, which reads what it prints first; the JVM is
     * closed if that fails.
     */
    static <T> T start(String what, Class<?> main, List<String> args, Attach<T> attach)
            throws IOException, InterruptedException {
        return start(what, List.of(), main, args, attach);
    }

    /** As above, with the JVM's own options. */
    static <T> T start(String what, List<String> jvmOptions, Class<?> main, List<String> args, Attach<T> attach)
            throws IOException, InterruptedException {
        ChildJvm jvm = start(what, jvmOptions, main, args);
        try {
            return attach.to(jvm);
        } catch (IOException | RuntimeException e) {
            jvm.close();
            throw e;
        }
    }

    /** What wraps a started JVM: typically the constructor of the part it runs. */
    interface Attach<T> {
        T to(ChildJvm jvm) throws IOException;
    }

    /** Sends one request line. */
    void request() {
        in.println();
    }

    /** The value of the next line, which must be {@code name} or {@code name value}. */
    String field(String name) throws IOException {
        String line = out.readLine();
        if (line == null || !(line.equals(name) || line.startsWith(name + " "))) {
            throw new IOException(what + " said " + line + " where " + name + " was expected");
        }
        return line.substring(name.length()).trim();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Ends it: SIGTERM, so its shutdown hooks run, and a kill after 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
