package io.orderflow.core.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every line of the real recordings in {@code core/src/test/resources/recordings/} parses, except the
 * kline messages, which are rejected as unsupported. The counts per kind were taken with a separate
 * JSON tool ({@code jq}/Python) from the same files.
 */
class BinanceParserRecordingsTest {

    /** What a recording turned into: events by kind, the symbols seen, the failures. */
    private static final class Tally implements BinanceMessageHandler {
        final Map<String, Integer> counts = new TreeMap<>();
        final TreeSet<String> symbols = new TreeSet<>();
        final List<String> malformed = new ArrayList<>();

        private void count(String kind, String symbol) {
            counts.merge(kind, 1, Integer::sum);
            symbols.add(symbol);
        }

        @Override
        public void onTrade(Trade trade, boolean aggregated) {
            count("trade", trade.symbol());
        }

        @Override
        public void onDepthUpdate(DepthUpdate update) {
            count("diff", update.symbol());
        }

        @Override
        public void onPartialDepth(BookTop book) {
            count("partial", book.symbol());
        }

        @Override
        public void onBookTicker(BookTicker ticker) {
            count("ticker", ticker.symbol());
        }

        @Override
        public void onMethodResult(long id, String error) {
            count("method", "");
        }

        void parse(BinanceParser parser, String json, long receiveTimeMs) {
            try {
                parser.parse(json, receiveTimeMs, this);
            } catch (UnsupportedStreamException e) {
                counts.merge("unsupported", 1, Integer::sum);
            } catch (MalformedMessageException e) {
                malformed.add(e.getMessage());
            }
        }

        void snapshot(BinanceParser parser, String symbol, String json, long receiveTimeMs) {
            try {
                count("snapshot", parser.parseSnapshot(symbol, json, receiveTimeMs).symbol());
            } catch (MalformedMessageException e) {
                malformed.add(e.getMessage());
            }
        }
    }

    /** cryptofeed {@code *.ws.1.0}: a header line, then {@code <epoch_s>: <combined-stream JSON>}. */
    private static Tally cryptofeedWs(String file, MarketType market) throws IOException {
        Tally tally = new Tally();
        BinanceParser parser = new BinanceParser(market, 5);
        List<String> lines = lines("cryptofeed/" + file, false);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty()) {
                int colon = line.indexOf(": ");
                long receiveTimeMs = (long) (Double.parseDouble(line.substring(0, colon)) * 1000);
                tally.parse(parser, line.substring(colon + 2), receiveTimeMs);
            }
        }
        return tally;
    }

    /** cryptofeed {@code *.http.0.0}: {@code <url>?symbol=X&limit=N -> <epoch_s>: <json>}. */
    private static Tally cryptofeedHttp(String file, MarketType market) throws IOException {
        Tally tally = new Tally();
        BinanceParser parser = new BinanceParser(market, 5);
        for (String line : lines("cryptofeed/" + file, false)) {
            if (!line.isEmpty()) {
                String symbol = line.substring(line.indexOf("symbol=") + 7, line.indexOf('&'));
                int colon = line.indexOf(": ");
                long receiveTimeMs = (long) (Double.parseDouble(line.substring(line.indexOf(" -> ") + 4, colon)) * 1000);
                tally.snapshot(parser, symbol, line.substring(colon + 2), receiveTimeMs);
            }
        }
        return tally;
    }

    /** hftbacktest: {@code <recv_ns> <json>}, the REST snapshot a bare object with {@code lastUpdateId}. */
    private static Tally hftbacktest(String file, String symbol) throws IOException {
        Tally tally = new Tally();
        BinanceParser parser = new BinanceParser(MarketType.SPOT, 5);
        for (String line : lines("hftbacktest-spot/" + file, true)) {
            int space = line.indexOf(' ');
            long receiveTimeMs = Long.parseLong(line.substring(0, space)) / 1_000_000;
            String json = line.substring(space + 1);
            if (json.startsWith("{\"lastUpdateId\"")) {
                tally.snapshot(parser, symbol, json, receiveTimeMs);
            } else {
                tally.parse(parser, json, receiveTimeMs);
            }
        }
        return tally;
    }

    private static List<String> lines(String recording, boolean gzip) throws IOException {
        String path = "/recordings/" + recording;
        InputStream in = BinanceParserRecordingsTest.class.getResourceAsStream(path);
        assertThat(in).as("test resource " + path).isNotNull();
        if (gzip) {
            in = new GZIPInputStream(in);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    /**
     * Recorders follow {@code @depth@0ms}, {@code @depth@1000ms} and others where these recordings have
     * {@code @100ms}; the payloads are the same, so every recorded diff, renamed to another speed,
     * reads to the same event.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"BINANCE.ws.1.0, SPOT", "BINANCE_FUTURES.ws.1.0, USDM"})
    void recordedDiffsReadTheSameUnderEveryUpdateSpeed(String file, MarketType market) throws Exception {
        List<String> lines = lines("cryptofeed/" + file, false);
        List<String> diffs = lines.subList(1, lines.size()).stream()
                .filter(line -> line.contains("@depth@100ms\""))
                .map(line -> line.substring(line.indexOf(": ") + 2))
                .toList();
        List<Object> expected = events(market, diffs, "@depth@100ms\"");
        assertThat(expected).hasSize(diffs.size()).hasSizeGreaterThan(100).allMatch(DepthUpdate.class::isInstance);
        for (String speed : List.of("@depth\"", "@depth@0ms\"", "@depth@250ms\"", "@depth@500ms\"",
                "@depth@1000ms\"")) {
            List<String> renamed = diffs.stream().map(diff -> diff.replace("@depth@100ms\"", speed)).toList();
            assertThat(events(market, renamed, speed)).as(speed).isEqualTo(expected);
        }
    }

    /** What one parser makes of {@code messages}, each of which must name a stream ending in {@code stream}. */
    private static List<Object> events(MarketType market, List<String> messages, String stream)
            throws MalformedMessageException {
        BinanceParser parser = new BinanceParser(market, 5);
        CollectingHandler handler = new CollectingHandler();
        for (String message : messages) {
            assertThat(message).contains(stream);
            parser.parse(message, 1L, handler);
        }
        return handler.events;
    }

    @Test
    void cryptofeedSpot() throws IOException {
        Tally ws = cryptofeedWs("BINANCE.ws.1.0", MarketType.SPOT);
        Tally http = cryptofeedHttp("BINANCE.http.0.0", MarketType.SPOT);

        assertThat(ws.malformed).isEmpty();
        assertThat(ws.counts).containsOnly(
                entry("diff", 177), entry("ticker", 84), entry("trade", 2), entry("unsupported", 2));
        assertThat(ws.symbols).containsExactly("BLZETH", "LRCBTC", "NKNUSDT", "RUNEEUR");
        assertThat(http.malformed).isEmpty();
        assertThat(http.counts).containsOnly(entry("snapshot", 4));
    }

    @Test
    void cryptofeedFutures() throws IOException {
        Tally ws = cryptofeedWs("BINANCE_FUTURES.ws.1.0", MarketType.USDM);
        Tally http = cryptofeedHttp("BINANCE_FUTURES.http.0.0", MarketType.USDM);

        assertThat(ws.malformed).isEmpty();
        assertThat(ws.counts).containsOnly(
                entry("diff", 764), entry("ticker", 613), entry("trade", 91), entry("unsupported", 67));
        assertThat(ws.symbols).containsExactly("AKROUSDT", "CTKUSDT", "KEEPUSDT", "SUSHIUSDT");
        assertThat(http.malformed).isEmpty();
        assertThat(http.counts).containsOnly(entry("snapshot", 4));
    }

    @Test
    void hftbacktestSpot() throws IOException {
        Tally btc = hftbacktest("btcusdt_20240808.gz", "BTCUSDT");
        Tally eth = hftbacktest("ethusdt_20240808.gz", "ETHUSDT");

        assertThat(btc.malformed).isEmpty();
        assertThat(btc.counts).containsOnly(
                entry("diff", 3451), entry("ticker", 28040), entry("trade", 9757), entry("snapshot", 1));
        assertThat(btc.symbols).containsExactly("BTCUSDT");
        assertThat(eth.malformed).isEmpty();
        assertThat(eth.counts).containsOnly(
                entry("diff", 3434), entry("ticker", 24077), entry("trade", 6106), entry("snapshot", 1));
        assertThat(eth.symbols).containsExactly("ETHUSDT");
    }
}
