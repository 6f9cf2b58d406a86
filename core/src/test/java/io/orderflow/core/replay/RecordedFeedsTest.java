package io.orderflow.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.RawFrame;
import io.orderflow.core.model.Trade;
import io.orderflow.core.replay.CaptureFormat.CaptureReader;
import io.orderflow.core.replay.CaptureFormat.CaptureWriter;
import io.orderflow.core.replay.RecordedMessage.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recordings replayed through the parser and the book: the real ones, and the coin-M session
 * generated in cryptofeed's layout. Expectations come from the raw JSON lines, read here with
 * Jackson's tree model, independently of the replay code.
 */
class RecordedFeedsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LEVELS = 10;

    /** Each raw file is read once for all the tests that need it. */
    private static final Map<Path, List<JsonNode>> RAW = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    /** A recording, its market, its raw WebSocket file, and how many REST snapshots it holds. */
    record Case(String name, Recording recording, MarketType market, Path rawFile, int snapshots) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> recordings() {
        Path hft = Recordings.dir("hftbacktest-spot");
        Path cf = Recordings.dir("cryptofeed");
        return Stream.of(
                new Case("hftbacktest BTCUSDT", Recordings.btcusdt(), MarketType.SPOT,
                        hft.resolve("btcusdt_20240808.gz"), 1),
                new Case("hftbacktest ETHUSDT", Recordings.ethusdt(), MarketType.SPOT,
                        hft.resolve("ethusdt_20240808.gz"), 1),
                new Case("cryptofeed futures", Recordings.cryptofeedFutures(), MarketType.USDM,
                        cf.resolve("BINANCE_FUTURES.ws.1.0"), 4),
                new Case("cryptofeed spot", Recordings.cryptofeedSpot(), MarketType.SPOT,
                        cf.resolve("BINANCE.ws.1.0"), 4))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void everySnapshotSyncsWithoutAGapAndTheBookAgreesWithEveryMatchingTicker(Case recorded) throws IOException {
        List<JsonNode> raw = rawMessages(recorded.rawFile());
        ReplayStats stats;
        Set<String> symbolsWithBooks = new HashSet<>();
        try (ReplayFeed feed = new ReplayFeed(recorded.recording(), recorded.market(), LEVELS)) {
            while (feed.hasNext()) {
                MarketEvent event = feed.next();
                if (event.book() != null) {
                    symbolsWithBooks.add(event.symbol());
                }
            }
            stats = feed.stats();
            assertThat(stats.tickerMismatches()).as(feed.lastTickerMismatch()).isZero();
        }

        assertThat(stats.snapshots()).isEqualTo(recorded.snapshots());
        assertThat(stats.unbridgedSnapshots()).isZero();
        assertThat(stats.gaps()).isZero();
        assertThat(stats.malformed()).isZero();
        assertThat(stats.unsupported()).isEqualTo(raw.stream().filter(m -> stream(m).contains("@kline")).count());
        assertThat(symbolsWithBooks).hasSize(recorded.snapshots());
        assertThat(stats.tickerChecks()).isEqualTo(tickersAtADiffsFinalId(raw));
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void cumulativeVolumeDeltaEqualsTheSignedSumOfTheRecordedTrades(Case recorded) throws IOException {
        BigDecimal expected = BigDecimal.ZERO;
        long expectedTrades = 0;
        for (JsonNode message : rawMessages(recorded.rawFile())) {
            JsonNode data = message.get("data");
            if (stream(message).endsWith("@trade") || stream(message).endsWith("@aggTrade")) {
                BigDecimal qty = new BigDecimal(data.get("q").asText());
                // m: the buyer was the maker, so the taker sold.
                expected = data.get("m").asBoolean() ? expected.subtract(qty) : expected.add(qty);
                expectedTrades++;
            }
        }

        BigDecimal cvd = BigDecimal.ZERO;
        long trades = 0;
        for (MarketEvent event : ReplayFeedTest.drain(new ReplayFeed(recorded.recording(), recorded.market(), LEVELS))) {
            if (event.isTrade()) {
                Trade trade = event.trade();
                // Double.toString gives back the shortest decimal: the recorded one if parsed exactly.
                cvd = cvd.add(BigDecimal.valueOf(trade.signedQty()));
                trades++;
            }
        }

        assertThat(trades).isEqualTo(expectedTrades).isPositive();
        assertThat(cvd).isEqualByComparingTo(expected);
    }

    /**
     * Coin-M over {@code @depth@0ms}: both books are built, with no gap, and agree with every ticker at
     * the final id of a diff past the snapshot (the snapshots come 1.5 and 2.5 s in, after diffs and
     * tickers no book could be checked against yet); every trade keeps the contract count and side
     * Binance sent, not a quantity of coins.
     */
    @Test
    void coinmBooksAreBuiltAndTradesKeepTheirContractCounts() throws IOException {
        Path dir = Recordings.dir("coinm");
        List<JsonNode> raw = rawMessages(dir.resolve("BINANCE_DELIVERY.ws.1.0"));
        Map<String, Long> snapshotIds = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("BINANCE_DELIVERY.http.0.0"))) {
            JsonNode snapshot = JSON.readTree(line.substring(line.indexOf(": ") + 2));
            snapshotIds.put(snapshot.get("symbol").asText(), snapshot.get("lastUpdateId").asLong());
        }
        Set<String> syncedDiffEnds = new HashSet<>();
        List<BigDecimal> recordedSignedContracts = new ArrayList<>();
        for (JsonNode message : raw) {
            JsonNode data = message.get("data");
            if (stream(message).endsWith("@depth@0ms")
                    && data.get("u").asLong() > snapshotIds.get(data.get("s").asText())) {
                syncedDiffEnds.add(data.get("s").asText() + "/" + data.get("u").asLong());
            } else if (stream(message).endsWith("@aggTrade")) {
                assertThat(data.get("q").asText()).matches("[1-9][0-9]*");
                BigDecimal contracts = new BigDecimal(data.get("q").asText());
                recordedSignedContracts.add(data.get("m").asBoolean() ? contracts.negate() : contracts);
            }
        }
        long checkableTickers = raw.stream()
                .filter(m -> stream(m).endsWith("@bookTicker"))
                .filter(m -> syncedDiffEnds.contains(m.get("data").get("s").asText() + "/" + m.get("data").get("u")))
                .count();

        List<BigDecimal> replayedSignedQtys = new ArrayList<>();
        Set<String> symbolsWithBooks = new HashSet<>();
        ReplayStats stats;
        try (ReplayFeed feed = new ReplayFeed(Recordings.coinm(), MarketType.COINM, LEVELS)) {
            while (feed.hasNext()) {
                MarketEvent event = feed.next();
                if (event.isTrade()) {
                    replayedSignedQtys.add(BigDecimal.valueOf(event.trade().signedQty()));
                } else if (event.book() != null) {
                    symbolsWithBooks.add(event.symbol());
                }
            }
            stats = feed.stats();
            assertThat(stats.tickerMismatches()).as(feed.lastTickerMismatch()).isZero();
        }

        assertThat(symbolsWithBooks).containsExactlyInAnyOrder("BTCUSD_PERP", "ETHUSD_PERP");
        assertThat(stats.snapshots()).isEqualTo(2);
        assertThat(stats.unbridgedSnapshots()).isZero();
        assertThat(stats.gaps()).isZero();
        assertThat(stats.malformed()).isZero();
        assertThat(stats.unsupported()).isZero();
        assertThat(stats.tickerChecks()).isEqualTo(checkableTickers).isGreaterThan(50);
        assertThat(recordedSignedContracts).hasSizeGreaterThan(100);
        assertThat(replayedSignedQtys).usingElementComparator(BigDecimal::compareTo)
                .isEqualTo(recordedSignedContracts);
    }

    @Test
    void replayingTheSameRecordingTwiceGivesEqualEvents() throws IOException {
        List<MarketEvent> first = ReplayFeedTest.drain(new ReplayFeed(Recordings.ethusdt(), MarketType.SPOT, LEVELS));
        List<MarketEvent> second = ReplayFeedTest.drain(new ReplayFeed(Recordings.ethusdt(), MarketType.SPOT, LEVELS));

        assertThat(first.size()).isGreaterThan(5_000);
        assertThat(second).isEqualTo(first);
        assertThat(second.toString()).isEqualTo(first.toString());
    }

    @Test
    void skippingThenReadingOnGivesTheTailOfTheFullReplay() throws IOException {
        Recording recording = Recordings.cryptofeedFutures();
        List<MarketEvent> all = ReplayFeedTest.drain(new ReplayFeed(recording, MarketType.USDM, LEVELS));
        for (int skip : new int[] {1, all.size() / 2, all.size() - 1}) {
            try (ReplayFeed feed = new ReplayFeed(recording, MarketType.USDM, LEVELS)) {
                feed.skip(skip);
                assertThat(ReplayFeedTest.drain(feed)).isEqualTo(all.subList(skip, all.size()));
            }
        }
    }

    /** The futures session captured frame by frame reads back identical and replays to the same events. */
    @Test
    void aCaptureOfARecordingReadsBackIdenticalAndReplaysTheSame() throws IOException {
        Recording original = Recordings.cryptofeedFutures();
        List<RawFrame> frames = new ArrayList<>();
        for (RecordedMessage message : CryptofeedReaderTest.readAll(original.open())) {
            String stream = message.kind() == Kind.WEBSOCKET
                    ? JSON.readTree(message.text()).get("stream").asText()
                    : "rest:/fapi/v1/depth?symbol=" + message.symbol() + "&limit=1000";
            frames.add(new RawFrame(message.receiveTimeMs(), CaptureFormat.symbolOf(stream), stream, message.text()));
        }
        Path file = dir.resolve("futures.capture.gz");
        try (CaptureWriter writer = CaptureFormat.writer(file)) {
            for (RawFrame frame : frames) {
                writer.write(frame);
            }
        }

        List<RawFrame> readBack = new ArrayList<>();
        try (CaptureReader reader = CaptureFormat.reader(file)) {
            for (RawFrame frame = reader.next(); frame != null; frame = reader.next()) {
                readBack.add(frame);
            }
        }
        assertThat(readBack).isEqualTo(frames);

        try (ReplayFeed fromOriginal = new ReplayFeed(original, MarketType.USDM, LEVELS);
                ReplayFeed fromCapture = new ReplayFeed(Recording.capture(file), MarketType.USDM, LEVELS)) {
            assertThat(ReplayFeedTest.drain(fromCapture)).isEqualTo(ReplayFeedTest.drain(fromOriginal));
            assertThat(fromCapture.stats()).isEqualTo(fromOriginal.stats());
        }
    }

    /** Tickers whose update id is the final id {@code u} of a diff of the same symbol. */
    private static long tickersAtADiffsFinalId(List<JsonNode> raw) {
        Set<String> diffEnds = new HashSet<>();
        for (JsonNode message : raw) {
            if (stream(message).contains("@depth")) {
                diffEnds.add(message.get("data").get("s").asText() + "/" + message.get("data").get("u").asLong());
            }
        }
        return raw.stream()
                .filter(m -> stream(m).endsWith("@bookTicker"))
                .filter(m -> diffEnds.contains(m.get("data").get("s").asText() + "/" + m.get("data").get("u").asLong()))
                .count();
    }

    private static String stream(JsonNode message) {
        return message.path("stream").asText("");
    }

    /**
     * The combined-stream messages of a raw recording file: hftbacktest {@code <ns> <json>} lines
     * (the REST snapshot has no "stream" and is left out) or cryptofeed {@code <s>: <json>} lines.
     */
    private static List<JsonNode> rawMessages(Path file) {
        return RAW.computeIfAbsent(file, RecordedFeedsTest::readRawMessages);
    }

    private static List<JsonNode> readRawMessages(Path file) {
        List<JsonNode> messages = new ArrayList<>();
        boolean gzip = file.toString().endsWith(".gz");
        try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
                    continue;
                }
                String json = gzip ? line.substring(line.indexOf(' ') + 1) : line.substring(line.indexOf(": ") + 2);
                JsonNode message = JSON.readTree(json);
                if (message.has("stream")) {
                    messages.add(message);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }
}
