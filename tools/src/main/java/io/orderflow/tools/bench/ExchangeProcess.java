package io.orderflow.tools.bench;

import io.orderflow.testkit.loopback.LoopbackExchangeMain;
import java.io.IOException;
import java.util.List;

/**
 * The loopback exchange in a JVM of its own ({@link LoopbackExchangeMain}), as Binance would be: its
 * garbage and its collector's pauses are not the job's. It still shares the machine's CPUs.
 */
final class ExchangeProcess implements AutoCloseable {

    private final ChildJvm jvm;
    private final String wsBaseUrl;
    private final String restBaseUrl;

    private ExchangeProcess(ChildJvm jvm) throws IOException {
        this.jvm = jvm;
        this.wsBaseUrl = jvm.field("ws");
        this.restBaseUrl = jvm.field("rest");
    }

    /** A USD-M market of {@code symbols} at {@code eventsPerSecondPerSymbol}, started and ready. */
    static ExchangeProcess start(List<String> symbols, double eventsPerSecondPerSymbol)
            throws IOException, InterruptedException {
        return start(symbols, eventsPerSecondPerSymbol, 0, List.of());
    }

    /**
     * The same with skewed rates: the {@code k}-th symbol at {@code topRate / k^skew}
     * ({@link io.orderflow.testkit.loopback.SymbolRates#zipf}), in a JVM with {@code jvmOptions}.
     */
    static ExchangeProcess start(List<String> symbols, double topRate, double skew, List<String> jvmOptions)
            throws IOException, InterruptedException {
        return ChildJvm.start("the loopback exchange process", jvmOptions, LoopbackExchangeMain.class, List.of(
                "--market", "usdm", "--symbols", String.join(",", symbols),
                "--rate", Double.toString(topRate), "--skew", Double.toString(skew)), ExchangeProcess::new);
    }

    String wsBaseUrl() {
        return wsBaseUrl;
    }

    String restBaseUrl() {
        return restBaseUrl;
    }

    /** WebSocket messages the exchange has sent so far. */
    long messagesSent() throws IOException {
        jvm.request();
        return Long.parseLong(jvm.field("sent"));
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    long pid() {
        return jvm.pid();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close(); // SIGTERM: its shutdown hook closes the exchange
    }
}
