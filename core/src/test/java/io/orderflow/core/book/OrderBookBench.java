package io.orderflow.core.book;

import io.orderflow.core.exchange.binance.BinanceMessageHandler;
import io.orderflow.core.exchange.binance.BinanceOrderBook;
import io.orderflow.core.exchange.binance.BinanceParser;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.Trade;
import io.orderflow.core.replay.MessageReader;
import io.orderflow.core.replay.RecordedMessage;
import io.orderflow.core.replay.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the book keeps up with a real diff stream: the diffs of an hftbacktest spot recording,
 * parsed once up front, are replayed through {@link BinanceOrderBook} (sync from the recorded
 * snapshot, then every diff applied and its top K taken) many times over.
 *
 * <pre>{@code mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *     io.orderflow.core.book.OrderBookBench [recording.gz] [K]}</pre>
 */
public final class OrderBookBench {

    private static final int ROUNDS = 10;
    private static final int PASSES_PER_ROUND = 100;

    private OrderBookBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz");
        int levels = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Object> feed = diffsAndSnapshots(file, levels);
        long levelUpdates = feed.stream()
                .filter(DepthUpdate.class::isInstance)
                .mapToLong(d -> ((DepthUpdate) d).bidPrices().length + ((DepthUpdate) d).askPrices().length)
                .sum();

        for (int round = 1; round <= ROUNDS; round++) {
            long applied = 0;
            double checksum = 0;
            long start = System.nanoTime();
            for (int pass = 0; pass < PASSES_PER_ROUND; pass++) {
                BinanceOrderBook book = new BinanceOrderBook("BENCH", MarketType.SPOT, levels);
                for (Object item : feed) {
                    BinanceOrderBook.Outcome outcome = item instanceof DepthUpdate diff
                            ? book.onDiff(diff)
                            : book.onSnapshot((DepthSnapshot) item);
                    if (outcome == BinanceOrderBook.Outcome.APPLIED) {
                        checksum += book.top().bidPrices()[0];
                        applied++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,.0f diffs/s, %,.0f level updates/s (K=%d, checksum %.0f)%n", round,
                    applied / seconds, levelUpdates * (double) PASSES_PER_ROUND / seconds, levels, checksum);
        }
    }

    /** The recording's diffs and snapshots, in file order, through the one parse step. */
    private static List<Object> diffsAndSnapshots(Path file, int levels) throws Exception {
        List<Object> feed = new ArrayList<>();
        BinanceParser parser = new BinanceParser(MarketType.SPOT, levels);
        BinanceMessageHandler collect = new BinanceMessageHandler() {
            @Override
            public void onTrade(Trade trade, boolean aggregated) {}

            @Override
            public void onDepthUpdate(DepthUpdate update) {
                feed.add(update);
            }

            @Override
            public void onPartialDepth(BookTop book) {}

            @Override
            public void onBookTicker(BookTicker ticker) {}

            @Override
            public void onMethodResult(long id, String error) {}
        };
        try (MessageReader reader = Recording.hftbacktest(file).open()) {
            for (RecordedMessage message = reader.next(); message != null; message = reader.next()) {
                if (message.kind() == RecordedMessage.Kind.DEPTH_SNAPSHOT) {
                    feed.add(parser.parseSnapshot(message.symbol(), message.text(), message.receiveTimeMs()));
                } else {
                    parser.parse(message.text(), message.receiveTimeMs(), collect);
                }
            }
        }
        return feed;
    }
}
