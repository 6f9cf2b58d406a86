package io.orderflow.tools.strategy;

import io.orderflow.client.ClientSettings;
import io.orderflow.client.ClientStatus;
import io.orderflow.client.ConnectionException;
import io.orderflow.client.Fusion;
import io.orderflow.client.Kline;
import io.orderflow.client.OrderflowClient;
import io.orderflow.client.Signal;
import io.orderflow.client.Timeframe;
import io.orderflow.tools.strategy.MovingAverageCross.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The example strategy of the client SDK (README, "Use it from a strategy"; jobs/strategy.sh): a 5/20
 * moving-average cross on closed 1m bars, confirmed by the latest fusion score, one decision printed
 * per symbol and bar. It only uses {@code io.orderflow.client}, as a strategy's own process would.
 */
public final class MovingAverageCrossStrategy {

    static final List<String> DEMO_SYMBOLS = List.of("BTCUSDT", "ETHUSDT");

    private final OrderflowClient client;
    private final List<String> symbols;
    private final MovingAverageCross rule;
    private final Consumer<Decision> decisions;
    private final Map<String, Double> fusion = new ConcurrentHashMap<>();

    public MovingAverageCrossStrategy(OrderflowClient client, List<String> symbols, MovingAverageCross rule,
            Consumer<Decision> decisions) {
        this.client = client;
        this.symbols = List.copyOf(symbols);
        this.rule = rule;
        this.decisions = decisions;
    }

    public static void main(String[] args) throws InterruptedException {
        ClientSettings settings = ClientSettings.fromEnvironment(System.getenv());
        List<String> symbols = settings.symbols().isEmpty() ? DEMO_SYMBOLS : settings.symbols();
        OrderflowClient client = new OrderflowClient(settings);
        CountDownLatch closed = new CountDownLatch(1);
        client.onStatus(status -> {
            System.err.println(status); // decisions on stdout, the connection's story on stderr
            if (status instanceof ClientStatus.Closed) {
                closed.countDown();
            }
        });
        // Ctrl-C and SIGTERM: the hook closes the client, which ends its threads and says Closed.
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "strategy-shutdown"));
        MovingAverageCrossStrategy strategy =
                new MovingAverageCrossStrategy(client, symbols, new MovingAverageCross(5, 20), System.out::println);
        strategy.start();
        try {
            client.connect().awaitConnected(Duration.ofSeconds(10));
        } catch (ConnectionException e) {
            System.err.println("strategy: " + e.getMessage() + " (is ./jobs/demo.sh running?)");
            client.close();
            System.exit(1);
        }
        strategy.decideNow();
        closed.await();
    }

    /** Listens and subscribes: each closed 1m bar of a symbol then gets a decision; the client may connect before or after. */
    public void start() {
        client.listen(Fusion.class, row -> fusion.put(row.symbol(), row.score()));
        client.listen(Kline.class, bar -> {
            if (bar.closed() && bar.timeframe() == Timeframe.M1 && symbols.contains(bar.symbol())) {
                decide(bar.symbol(), bar.closeTimeMs());
            }
        });
        for (String symbol : symbols) {
            client.subscribe(symbol, Timeframe.M1).exceptionally(refused -> warn(symbol, refused));
            client.subscribe(symbol, Signal.FUSION).exceptionally(refused -> warn(symbol, refused));
        }
    }

    /** A decision per symbol on the bars closed by now: the history there is, before the next bar closes. */
    public void decideNow() {
        long now = System.currentTimeMillis();
        symbols.forEach(symbol -> decide(symbol, now));
    }

    /** Bars from the client's cache, or from history the first time: the same call for live and backtest. */
    private void decide(String symbol, long asOfMs) {
        List<Kline> bars = client.bars().bars(symbol, Timeframe.M1, rule.barsNeeded(), asOfMs);
        double[] closes = bars.stream().mapToDouble(Kline::close).toArray();
        decisions.accept(rule.decide(symbol, asOfMs, closes, fusion.getOrDefault(symbol, Double.NaN)));
    }

    private static Void warn(String symbol, Throwable refused) {
        System.err.println("strategy: no subscription for " + symbol + ": " + refused.getMessage());
        return null;
    }
}
