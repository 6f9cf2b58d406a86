package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.market.MarketSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the coin-M recording of {@code core/src/test/resources/recordings/coinm/}: a session in the layout
 * of cryptofeed's recorder ({@code BINANCE_DELIVERY.ws.1.0}, {@code BINANCE_DELIVERY.http.0.0}) of
 * {@code BTCUSD_PERP} and {@code ETHUSD_PERP}, as the loopback exchange's coin-M market publishes it:
 * {@code @aggTrade}, {@code @depth@0ms} diffs with {@code U/u/pu}, {@code @bookTicker}, and one REST
 * depth snapshot per symbol. The market runs on a fixed clock, so the same files come out every time:
 * {@code main} rewrites them, {@code CoinmRecordingTest} checks they still are what it writes.
 */
final class CoinmRecording {

    static final String WS_FILE = "BINANCE_DELIVERY.ws.1.0";
    static final String HTTP_FILE = "BINANCE_DELIVERY.http.0.0";
    static final List<String> SYMBOLS = List.of("BTCUSD_PERP", "ETHUSD_PERP");

    private static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long DURATION_MS = 8_000;
    /** The recorder's receive clock: one tick, as the exchange pushes its market every 5 ms. */
    private static final long TICK_MS = 5;
    /** {@code @0ms}: diffs as they happen; the loopback batches them over this window. */
    private static final long DEPTH_WINDOW_MS = 10;
    /** Each symbol's REST snapshot is fetched this long after the start, a second apart. */
    private static final long FIRST_SNAPSHOT_MS = 1_500;
    private static final long SEED = 2026;
    private static final double EVENTS_PER_SECOND = 40;
    private static final int BOOK_LEVELS = 20;
    private static final int SNAPSHOT_LIMIT = 1000;

    private CoinmRecording() {}

    /** {@code args[0]}: the directory to write the two files to. */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]));
    }

    static void write(Path dir) throws IOException {
        Map<Topic, String> streams = new LinkedHashMap<>();
        for (StreamKind kind : List.of(StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER, StreamKind.AGG_TRADE)) {
            for (String symbol : SYMBOLS) {
                String lower = symbol.toLowerCase(Locale.ROOT);
                streams.put(Topic.of(symbol, kind), kind == StreamKind.DIFF_DEPTH
                        ? lower + "@depth@0ms"
                        : kind.streamName(symbol, BOOK_LEVELS));
            }
        }
        List<SymbolMarket> markets = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            MarketSimulator simulator = new MarketSimulator(symbol, SEED, START_MS, EVENTS_PER_SECOND, BOOK_LEVELS);
            markets.add(new SymbolMarket(MarketType.COINM, simulator, DEPTH_WINDOW_MS, 100_000));
        }
        try (Writer ws = Files.newBufferedWriter(dir.resolve(WS_FILE), StandardCharsets.UTF_8);
                Writer http = Files.newBufferedWriter(dir.resolve(HTTP_FILE), StandardCharsets.UTF_8)) {
            ws.write(MarketType.COINM.wsBaseUrl() + "/stream?streams=" + String.join("/", streams.values())
                    + " <-> " + seconds(START_MS) + "\n");
            for (long now = START_MS; now <= START_MS + DURATION_MS; now += TICK_MS) {
                String receivedAt = seconds(now);
                Broadcast recorder = (topic, data) -> {
                    String stream = streams.get(topic);
                    if (stream != null) {
                        write(ws, receivedAt + ": {\"stream\":\"" + stream + "\",\"data\":" + data + "}\n");
                    }
                };
                for (int i = 0; i < SYMBOLS.size(); i++) {
                    markets.get(i).advanceTo(now, recorder);
                    if (now == START_MS + FIRST_SNAPSHOT_MS + 1_000L * i) {
                        write(http, MarketType.COINM.restBaseUrl() + MarketType.COINM.depthPath() + "?symbol="
                                + SYMBOLS.get(i) + "&limit=" + SNAPSHOT_LIMIT + " -> " + receivedAt + ": "
                                + markets.get(i).snapshot(SNAPSHOT_LIMIT, now) + "\n");
                    }
                }
            }
        }
    }

    /** Epoch seconds with the milliseconds as a fraction, as the recorder prints its clock. */
    private static String seconds(long epochMs) {
        return BigDecimal.valueOf(epochMs, 3).toPlainString();
    }

    private static void write(Writer out, String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
