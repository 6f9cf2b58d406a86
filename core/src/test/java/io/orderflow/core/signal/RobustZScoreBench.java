package io.orderflow.core.signal;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.Trade;
import io.orderflow.core.replay.Recording;
import io.orderflow.core.replay.ReplayFeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the robust CVD z-score costs per trade: the trades of a real recording, read once up front,
 * are scored many times over with the default settings (the job's defaults).
 *
 * <pre>{@code mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *     io.orderflow.core.signal.RobustZScoreBench [recording.gz]}</pre>
 */
public final class RobustZScoreBench {

    private static final int ROUNDS = 10;
    private static final int PASSES_PER_ROUND = 100;

    private RobustZScoreBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz");
        List<Trade> trades = new ArrayList<>();
        try (ReplayFeed feed = new ReplayFeed(Recording.hftbacktest(file), MarketType.SPOT, 10)) {
            while (feed.hasNext()) {
                MarketEvent event = feed.next();
                if (event.isTrade()) {
                    trades.add(event.trade());
                }
            }
        }
        // The job's default settings (SCALE_MODE, HALF_LIFE_SEC, CVD_WINDOW, MAD_MULTIPLIER, SCALE_FAST_WEIGHT, WINSOR_LIMIT).
        RobustScaleSettings settings = new RobustScaleSettings(ScaleMode.HYBRID, 600, 300, 1.8, 0.20, 8);
        long span = trades.get(trades.size() - 1).tradeTimeMs() - trades.get(0).tradeTimeMs() + 1;
        for (int round = 1; round <= ROUNDS; round++) {
            double checksum = 0;
            long start = System.nanoTime();
            RobustZScore z = settings.newScore();
            for (int pass = 0; pass < PASSES_PER_ROUND; pass++) {
                long offset = pass * span; // each pass continues the clock, so the estimators keep decaying
                for (Trade trade : trades) {
                    checksum += z.update(settings, trade.tradeTimeMs() + offset, trade.signedQty());
                }
            }
            long scored = (long) trades.size() * PASSES_PER_ROUND;
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %2d: %,d trades in %.3f s = %.0f ns/trade (%,.0f trades/s), checksum %.3f%n",
                    round, scored, seconds, seconds * 1e9 / scored, scored / seconds, checksum);
        }
    }
}
