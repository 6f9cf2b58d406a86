package io.orderflow.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.Trade;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A throughput check, not a test: parses every WebSocket message of the hftbacktest recordings in a
 * loop, with {@link BinanceParser} and with plain {@code ObjectMapper.readTree}, and prints both rates.
 * Run from the project directory after {@code mvn test-compile}:
 *
 * <pre>java -cp "target/classes:target/test-classes:$(cat cp.txt)" io.orderflow.core.exchange.binance.BinanceParserThroughput [rounds]</pre>
 *
 * where {@code cp.txt} is written by {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class BinanceParserThroughput {

    private static final String[] RECORDINGS = {
        "/recordings/hftbacktest-spot/btcusdt_20240808.gz", "/recordings/hftbacktest-spot/ethusdt_20240808.gz"
    };

    /** Folds every event into a checksum, so the JIT cannot drop the work. */
    private static final class Sink implements BinanceMessageHandler {
        long checksum;

        @Override
        public void onTrade(Trade trade, boolean aggregated) {
            checksum += trade.tradeId() + Double.doubleToRawLongBits(trade.price());
        }

        @Override
        public void onDepthUpdate(DepthUpdate update) {
            checksum += update.finalUpdateId() + update.bidPrices().length + update.askPrices().length;
        }

        @Override
        public void onPartialDepth(BookTop book) {
            checksum += book.updateId();
        }

        @Override
        public void onBookTicker(BookTicker ticker) {
            checksum += ticker.updateId() + Double.doubleToRawLongBits(ticker.bidPrice());
        }

        @Override
        public void onMethodResult(long id, String error) {
            checksum += id;
        }
    }

    private BinanceParserThroughput() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<String> messages = loadMessages();
        long bytes = messages.stream().mapToLong(m -> m.getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.printf("%d messages, %.1f MB, %d rounds (the first third discarded as warm-up)%n",
                messages.size(), bytes / 1e6, rounds);

        BinanceParser parser = new BinanceParser(MarketType.SPOT, 20);
        ObjectMapper mapper = new ObjectMapper();
        Sink sink = new Sink();
        double[] parserRates = new double[rounds];
        double[] treeRates = new double[rounds];
        for (int round = 0; round < rounds; round++) { // alternated, so drift hits both alike
            long start = System.nanoTime();
            for (String message : messages) {
                parser.parse(message, 0, sink);
            }
            parserRates[round] = messages.size() / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (String message : messages) {
                JsonNode tree = mapper.readTree(message);
                sink.checksum += tree.size();
            }
            treeRates[round] = messages.size() / ((System.nanoTime() - start) / 1e9);
        }
        double parserRate = median(parserRates, rounds / 3);
        double treeRate = median(treeRates, rounds / 3);
        System.out.printf("BinanceParser.parse (to normalised events): %,.0f msgs/s  (%.0f MB/s)%n",
                parserRate, parserRate * bytes / messages.size() / 1e6);
        System.out.printf("ObjectMapper.readTree (tree only)         : %,.0f msgs/s  (%.0f MB/s)%n",
                treeRate, treeRate * bytes / messages.size() / 1e6);
        System.out.printf("parser / readTree = %.2f   (checksum %d)%n", parserRate / treeRate, sink.checksum);
    }

    private static double median(double[] rates, int warmUp) {
        double[] measured = Arrays.copyOfRange(rates, warmUp, rates.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    /** The WebSocket messages of the recordings ({@code <recv_ns> <json>}), without the REST snapshots. */
    private static List<String> loadMessages() throws IOException {
        List<String> messages = new ArrayList<>();
        for (String recording : RECORDINGS) {
            InputStream in = BinanceParserThroughput.class.getResourceAsStream(recording);
            if (in == null) {
                throw new IllegalStateException("not on the class path: " + recording);
            }
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    String json = line.substring(line.indexOf(' ') + 1);
                    if (json.startsWith("{\"stream\"")) {
                        messages.add(json);
                    }
                }
            }
        }
        return messages;
    }
}
