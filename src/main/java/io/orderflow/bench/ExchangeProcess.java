package io.orderflow.bench;

import io.orderflow.exchange.binance.loopback.LoopbackExchangeMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The loopback exchange in a JVM of its own ({@link LoopbackExchangeMain}), as Binance would be: its
 * garbage and its collector's pauses are not the job's. It still shares the machine's CPUs.
 */
final class ExchangeProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final String wsBaseUrl;
    private final String restBaseUrl;

    private ExchangeProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.wsBaseUrl = field("ws");
        this.restBaseUrl = field("rest");
    }

    /** A USD-M market of {@code symbols} at {@code eventsPerSecondPerSymbol}, started and ready. */
    static ExchangeProcess start(List<String> symbols, double eventsPerSecondPerSymbol) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        LoopbackExchangeMain.class.getName(), "--market", "usdm",
                        "--symbols", String.join(",", symbols), "--rate", Double.toString(eventsPerSecondPerSymbol))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            return new ExchangeProcess(process);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    String wsBaseUrl() {
        return wsBaseUrl;
    }

    String restBaseUrl() {
        return restBaseUrl;
    }

    /** WebSocket messages the exchange has sent so far. */
    long messagesSent() throws IOException {
        in.println();
        return Long.parseLong(field("sent"));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: its shutdown hook closes the exchange
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The value of the next {@code <name> <value>} line the exchange prints. */
    private String field(String name) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith(name + " ")) {
            throw new IOException("the loopback exchange process said " + line + " where " + name + " was expected");
        }
        return line.substring(name.length() + 1).trim();
    }
}
