package io.orderflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** External programs for the ITs: run to completion, or started and always ended with their children. */
public final class Processes {

    private Processes() {}

    /** What a finished command printed (stdout and stderr together) and its exit status. */
    public record Result(List<String> command, int exitCode, String output) {
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    /** Runs {@code command} in {@code dir} with {@code env} added; kills it and its children after {@code timeout}. */
    public static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("orderflow-process", ".log");
        try {
            Process process = start(dir, env, log, command);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + ":\n" + Files.readString(log));
            }
            return new Result(command, process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Starts {@code command} with its output (stdout and stderr) going to {@code log}. */
    public static Process start(Path dir, Map<String, String> env, Path log, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Ends a process and every process it started: SIGTERM, then SIGKILL to what is left after 10 s. */
    public static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The absolute path of a program on the PATH, or an error saying how to get it. */
    public static Path require(String program, String howToInstall) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(program + " is not installed: " + howToInstall);
    }
}
