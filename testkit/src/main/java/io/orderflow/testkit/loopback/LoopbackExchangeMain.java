package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.MarketType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LoopbackExchange} standalone until killed, printing its URLs:
 * {@code --market spot|usdm|coinm --symbols BTCUSDT,ETHUSDT --ws-port 9443 --rest-port 8090
 * [--seed 42] [--rate 50] [--skew 0]}. Ports default to 0 (ephemeral). With a skew, the
 * {@code k}-th symbol runs at {@code rate / k^skew} ({@link SymbolRates#zipf}): 1 gives a few busy
 * symbols and a long quiet tail.
 *
 * <p>Each line read from standard input is answered with {@code sent <n>}, the WebSocket messages
 * sent so far: a parent process (the bench) reads the input rate this way.
 */
public final class LoopbackExchangeMain {

    private static final List<String> FLAGS =
            List.of("--market", "--symbols", "--ws-port", "--rest-port", "--seed", "--rate", "--skew");

    private LoopbackExchangeMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> flags;
        LoopbackExchange exchange;
        try {
            flags = flags(args);
            List<String> symbols = List.of(flags.getOrDefault("--symbols", "BTCUSDT,ETHUSDT").split(","));
            double rate = Double.parseDouble(flags.getOrDefault("--rate", "50"));
            exchange = LoopbackExchange.builder()
                    .market(MarketType.valueOf(flags.getOrDefault("--market", "spot").toUpperCase(Locale.ROOT)))
                    .symbols(symbols)
                    .wsPort(Integer.parseInt(flags.getOrDefault("--ws-port", "0")))
                    .restPort(Integer.parseInt(flags.getOrDefault("--rest-port", "0")))
                    .seed(Long.parseLong(flags.getOrDefault("--seed", "42")))
                    .eventsPerSecondPerSymbol(rate)
                    .symbolRates(SymbolRates.zipf(symbols, rate, Double.parseDouble(flags.getOrDefault("--skew", "0"))))
                    .build();
        } catch (IllegalArgumentException e) {
            System.err.println("loopback exchange: " + e.getMessage());
            System.err.println("usage: LoopbackExchangeMain " + String.join(" <value> ", FLAGS) + " <value>");
            System.exit(2);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exchange.close();
            closed.countDown();
        }, "loopback-exchange-shutdown"));
        exchange.start();
        System.out.println("ws   " + exchange.wsBaseUrl());
        System.out.println("rest " + exchange.restBaseUrl());
        answerStatsRequests(exchange);
        closed.await();
    }

    private static void answerStatsRequests(LoopbackExchange exchange) {
        Thread stats = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    System.out.println("sent " + exchange.messagesSent());
                }
            } catch (IOException e) {
                // No standard input to answer on: nothing to do.
            }
        }, "loopback-exchange-stats");
        stats.setDaemon(true);
        stats.start();
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!FLAGS.contains(args[i]) || i + 1 == args.length) {
                throw new IllegalArgumentException("unknown flag or missing value: " + args[i]);
            }
            flags.put(args[i], args[i + 1]);
        }
        return flags;
    }
}
