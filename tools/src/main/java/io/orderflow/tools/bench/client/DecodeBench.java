package io.orderflow.tools.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.client.LiveMessage;
import io.orderflow.client.RowDecoder;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One live message as the client's socket hands it over, text to typed row: {@code RowDecoder.message},
 * which {@code OrderflowClient} calls on every {@code {"stream":...}} text it receives (one decoder per
 * connection). Beside it, plain Jackson's {@code ObjectMapper.readTree} of the same texts, so the figure
 * is a ratio. Three kinds: a {@code kline_1m} bar (13 fields), a {@code fusion} row (10) and an
 * {@code ofi} row (12), shaped as the job's {@code LiveEncoder} writes them (its golden strings in
 * LiveEncoderTest), with full-precision doubles as Java prints them. {@value #MESSAGES} different
 * messages of each kind, taken in turn, so no one text is parsed from a hot branch history.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBench {

    static final int MESSAGES = 256;

    private final RowDecoder decoder = new RowDecoder();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String[] klines = klineMessages();
    private final String[] fusions = fusionMessages();
    private final String[] ofis = ofiMessages();
    private int next;

    @Benchmark
    public LiveMessage klineDecoder() {
        return decoder.message(klines[next()]);
    }

    @Benchmark
    public JsonNode klineReadTree() throws IOException {
        return mapper.readTree(klines[next()]);
    }

    @Benchmark
    public LiveMessage fusionDecoder() {
        return decoder.message(fusions[next()]);
    }

    @Benchmark
    public JsonNode fusionReadTree() throws IOException {
        return mapper.readTree(fusions[next()]);
    }

    @Benchmark
    public LiveMessage ofiDecoder() {
        return decoder.message(ofis[next()]);
    }

    @Benchmark
    public JsonNode ofiReadTree() throws IOException {
        return mapper.readTree(ofis[next()]);
    }

    private int next() {
        next = (next + 1) & (MESSAGES - 1);
        return next;
    }

    /** Forming and closed updates of BTCUSDT's 1m bars, a 0.1 price tick, seq as a job started afresh numbers. */
    static String[] klineMessages() {
        SplittableRandom random = new SplittableRandom(1);
        String[] texts = new String[MESSAGES];
        long seq = 1_764_655_200_000_001L;
        for (int i = 0; i < MESSAGES; i++) {
            long openMs = 1_722_124_800_000L + (i / 4) * 60_000L;
            double open = tick(60_000 + random.nextDouble(-500, 500));
            double close = tick(open + random.nextDouble(-30, 30));
            double high = tick(Math.max(open, close) + random.nextDouble(0, 10));
            double low = tick(Math.min(open, close) - random.nextDouble(0, 10));
            double volume = Math.round(random.nextDouble(1, 50) * 1000) / 1000.0;
            double vwap = random.nextDouble(low, high);
            texts[i] = "{\"stream\":\"btcusdt@kline_1m\",\"seq\":" + (seq + i) + ",\"data\":{\"ts_ms\":" + openMs
                    + ",\"symbol\":\"BTCUSDT\",\"timeframe\":\"1m\",\"open\":" + open + ",\"high\":" + high + ",\"low\":" + low
                    + ",\"close\":" + close + ",\"volume\":" + volume + ",\"quote_volume\":" + volume * vwap
                    + ",\"taker_buy_volume\":" + volume * random.nextDouble(0.3, 0.7) + ",\"trade_count\":"
                    + random.nextInt(100, 2000) + ",\"vwap\":" + vwap + ",\"closed\":" + (i % 4 == 3) + "}}";
        }
        return texts;
    }

    /** BTCUSDT fusion rows, one a second, past warm-up. */
    static String[] fusionMessages() {
        SplittableRandom random = new SplittableRandom(2);
        String[] texts = new String[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            long tsMs = 1_722_124_801_000L + i * 1_000L;
            texts[i] = "{\"stream\":\"btcusdt@fusion\",\"seq\":" + (1_764_655_200_000_001L + i) + ",\"data\":{\"ts_ms\":" + tsMs
                    + ",\"symbol\":\"BTCUSDT\",\"score\":" + random.nextDouble(-3, 3) + ",\"score_z\":" + random.nextDouble(-4, 4)
                    + ",\"ofi_z\":" + random.nextDouble(-4, 4) + ",\"z_cvd\":" + random.nextDouble(-4, 4) + ",\"ofi_ts_ms\":"
                    + (tsMs - random.nextInt(1, 1_000)) + ",\"cvd_ts_ms\":" + (tsMs - random.nextInt(1, 1_000)) + ",\"regime\":\""
                    + regime(random) + "\",\"warmup\":false}}";
        }
        return texts;
    }

    /** ETHUSDT OFI rows, past warm-up. */
    static String[] ofiMessages() {
        SplittableRandom random = new SplittableRandom(3);
        String[] texts = new String[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            texts[i] = "{\"stream\":\"ethusdt@ofi\",\"seq\":" + (1_764_655_200_000_001L + i) + ",\"data\":{\"ts_ms\":"
                    + (1_722_124_800_000L + i * 125L) + ",\"symbol\":\"ETHUSDT\",\"ofi_value\":" + random.nextDouble(-50, 50)
                    + ",\"ofi_z\":" + random.nextDouble(-4, 4) + ",\"scale\":" + random.nextDouble(1, 20) + ",\"regime\":\""
                    + regime(random) + "\",\"ofi_ema\":" + random.nextDouble(-5, 5) + ",\"warmup\":false,\"std_zero\":false"
                    + ",\"best_bid\":" + tick(random.nextDouble(3_000, 3_100)) + ",\"best_ask\":" + tick(random.nextDouble(3_100, 3_200))
                    + ",\"ofi_l1\":" + random.nextDouble(-20, 20) + "}}";
        }
        return texts;
    }

    private static double tick(double price) {
        return Math.round(price * 10) / 10.0;
    }

    private static String regime(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> "quiet";
            case 1 -> "normal";
            default -> "active";
        };
    }
}
