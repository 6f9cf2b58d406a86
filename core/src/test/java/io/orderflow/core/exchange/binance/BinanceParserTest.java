package io.orderflow.core.exchange.binance;

import static io.orderflow.core.exchange.binance.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.exchange.binance.CollectingHandler.MethodResult;
import io.orderflow.core.model.BookTicker;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.DepthSnapshot;
import io.orderflow.core.model.DepthUpdate;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every fixture to exactly the values read off the recorded message by hand. */
class BinanceParserTest {

    private static final long RECV = 1_700_000_000_123L;
    private static final double[] NONE = {};

    private final BinanceParser spot = new BinanceParser(MarketType.SPOT, 5);
    private final BinanceParser futures = new BinanceParser(MarketType.USDM, 5);

    private static Object parse(BinanceParser parser, String message) throws MalformedMessageException {
        CollectingHandler handler = new CollectingHandler();
        parser.parse(message, RECV, handler);
        return handler.only();
    }

    /** The payload of a combined-stream fixture, as a {@code /ws/<stream>} socket would send it. */
    private static String rawData(String combined) throws Exception {
        return new ObjectMapper().readTree(combined).get("data").toString();
    }

    @Test
    void spotAggTrade() throws Exception {
        assertThat(parse(spot, message("spot_agg_trade.json"))).isEqualTo(new Trade("NKNUSDT",
                1633998523963L, 1633998523963L, RECV, 0.3528, 58.0, 15683430L, TakerSide.BUY));
    }

    @Test
    void futuresAggTrade() throws Exception {
        assertThat(parse(futures, message("futures_agg_trade.json"))).isEqualTo(new Trade("CTKUSDT",
                1626992741575L, 1626992741421L, RECV, 1.011, 10.0, 16599292L, TakerSide.BUY));
    }

    @Test
    void spotTradeWhoseBuyerWasTheMakerIsATakerSell() throws Exception {
        Trade trade = (Trade) parse(spot, message("spot_trade.json"));

        assertThat(trade).isEqualTo(new Trade("BTCUSDT",
                1723161255343L, 1723161255342L, RECV, 61837.63, 0.02, 3735683259L, TakerSide.SELL));
        assertThat(trade.signedQty()).isEqualTo(-0.02);
    }

    /**
     * Escapes, a fraction where Binance sends none, and data before stream are not plain JSON: Jackson
     * reads such messages, to the same events, and the parser goes on with plain ones after them.
     */
    @Test
    void messagesThePlainParserDeclinesAreReadByJackson() throws Exception {
        String plain = message("spot_trade.json");
        Object expected = parse(spot, plain);
        assertThat(parse(spot, plain.replace("\"s\":\"BTCUSDT\"", "\"s\":\"BTC\\u0055SDT\""))).isEqualTo(expected);
        assertThat(parse(spot, plain.replace("\"M\":true", "\"M\":true,\"x\":1.5e0"))).isEqualTo(expected);
        assertThat(parse(spot, "{\"data\":" + rawData(plain) + ",\"stream\":\"btcusdt@trade\"}")).isEqualTo(expected);
        assertThat(parse(spot, plain)).isEqualTo(expected);
    }

    @Test
    void futuresTrade() throws Exception {
        assertThat(parse(futures, message("futures_trade.json"))).isEqualTo(new Trade("BTCUSDT",
                1723161255343L, 1723161255342L, RECV, 61812.40, 0.015, 5124987631L, TakerSide.BUY));
    }

    @Test
    void spotDiffHasNoPreviousIdAndTakesTheEventTimeAsTransactTime() throws Exception {
        assertThat(parse(spot, message("spot_depth_update.json"))).isEqualTo(new DepthUpdate("NKNUSDT",
                1633998512068L, 1633998512068L, RECV, 499869750L, 499869752L, DepthUpdate.NO_PREVIOUS_ID,
                new double[] {0.3513, 0.3475, 0.3464}, new double[] {6195, 5548, 6222}, NONE, NONE));
    }

    @Test
    void futuresDiffKeepsWireOrderAndZeroQuantities() throws Exception {
        assertThat(parse(futures, message("futures_depth_update.json"))).isEqualTo(new DepthUpdate("SUSHIUSDT",
                1626992741037L, 1626992741024L, RECV, 600859599090L, 600859600917L, 600859598061L,
                new double[] {7.504, 7.609, 7.611}, new double[] {813, 0, 2},
                new double[] {7.615, 7.622}, new double[] {1563, 3284}));
    }

    @Test
    void spotBookTickerHasNoEventTime() throws Exception {
        assertThat(parse(spot, message("spot_book_ticker.json"))).isEqualTo(
                new BookTicker("NKNUSDT", 499869768L, 0, RECV, 0.3521, 672, 0.3526, 3199));
    }

    @Test
    void futuresBookTicker() throws Exception {
        assertThat(parse(futures, message("futures_book_ticker.json"))).isEqualTo(
                new BookTicker("SUSHIUSDT", 600859600576L, 1626992741017L, RECV, 7.611, 2, 7.612, 297));
    }

    @Test
    void spotSnapshotBestFirstWithoutEventTime() throws Exception {
        DepthSnapshot snapshot = spot.parseSnapshot("runeeur", message("spot_depth_snapshot.json"), RECV);

        assertThat(snapshot.symbol()).isEqualTo("RUNEEUR");
        assertThat(snapshot.lastUpdateId()).isEqualTo(15602511L);
        assertThat(snapshot.eventTimeMs()).isZero();
        assertThat(snapshot.receiveTimeMs()).isEqualTo(RECV);
        assertThat(snapshot.bidPrices()).hasSize(221).startsWith(6.251, 6.25, 6.248).endsWith(0.531);
        assertThat(snapshot.bidQtys()).hasSize(221).startsWith(69.3, 32.2, 91.4).endsWith(288.0);
        assertThat(snapshot.askPrices()).hasSize(468).startsWith(6.269).endsWith(45.0);
        assertThat(snapshot.askQtys()).hasSize(468).startsWith(69.3).endsWith(9.3);
    }

    @Test
    void futuresSnapshotKeepsItsEventTime() throws Exception {
        DepthSnapshot snapshot = futures.parseSnapshot("KEEPUSDT", message("futures_depth_snapshot.json"), RECV);

        assertThat(snapshot.lastUpdateId()).isEqualTo(600859619434L);
        assertThat(snapshot.eventTimeMs()).isEqualTo(1626992742018L);
        assertThat(snapshot.bidPrices()).hasSize(400).startsWith(0.2463, 0.2459).endsWith(0.004);
        assertThat(snapshot.bidQtys()).startsWith(631, 1490).endsWith(489818);
        assertThat(snapshot.askPrices()).hasSize(612).startsWith(0.2464).endsWith(12.6806);
        assertThat(snapshot.askQtys()).startsWith(317).endsWith(187);
    }

    @Test
    void restAggTradesUseTheTradeTimeAsEventTime() throws Exception {
        assertThat(spot.parseAggTrades("NKNUSDT", message("spot_agg_trades_rest.json"), RECV)).containsExactly(
                new Trade("NKNUSDT", 1633998523963L, 1633998523963L, RECV, 0.3528, 58, 15683430L, TakerSide.BUY),
                new Trade("NKNUSDT", 1633998524107L, 1633998524107L, RECV, 0.3527, 120.5, 15683431L, TakerSide.SELL));
        assertThat(futures.parseAggTrades("ctkusdt", message("futures_agg_trades_rest.json"), RECV)).containsExactly(
                new Trade("CTKUSDT", 1626992741421L, 1626992741421L, RECV, 1.011, 10, 16599292L, TakerSide.BUY));
        assertThat(spot.parseAggTrades("NKNUSDT", "[]", RECV)).isEmpty();
    }

    @Test
    void restPageAgreesWithTheStreamEventOfTheSameTrade() throws Exception {
        Trade streamed = (Trade) parse(spot, message("spot_agg_trade.json"));
        Trade filled = spot.parseAggTrades("NKNUSDT", message("spot_agg_trades_rest.json"), RECV).get(0);

        assertThat(filled).isEqualTo(streamed); // E == T on this trade, so even the event times agree
    }

    @Test
    void spotPartialDepthTakesItsSymbolFromTheStreamAndIsZeroPadded() throws Exception {
        String payload = message("spot_partial_depth5.json");
        CollectingHandler raw = new CollectingHandler();
        spot.parse(payload, "bnbbtc@depth5", RECV, raw);
        Object combined = parse(spot, "{\"stream\":\"bnbbtc@depth5@100ms\",\"data\":" + payload + "}");

        BookTop expected = new BookTop("BNBBTC", RECV, RECV, RECV, 160L,
                new double[] {0.0024, 0, 0, 0, 0}, new double[] {10, 0, 0, 0, 0},
                new double[] {0.0026, 0, 0, 0, 0}, new double[] {100, 0, 0, 0, 0});
        assertThat(raw.only()).isEqualTo(expected);
        assertThat(combined).isEqualTo(expected);
    }

    @Test
    void futuresPartialDepthIsOrderedBestFirst() throws Exception {
        assertThat(parse(futures, message("futures_partial_depth5.json"))).isEqualTo(new BookTop("SUSHIUSDT",
                1626992741140L, 1626992741123L, RECV, 600859602861L,
                new double[] {7.611, 7.610, 7.608, 7.607, 7.605}, new double[] {6, 7, 161, 285, 1234},
                new double[] {7.612, 7.613, 7.614, 7.615, 7.617}, new double[] {297, 410, 88, 1563, 534}));
    }

    @Test
    void partialDepthIsTruncatedToTheBestLevels() throws Exception {
        BookTop top = (BookTop) parse(new BinanceParser(MarketType.USDM, 3), message("futures_partial_depth5.json"));

        assertThat(top.bidPrices()).containsExactly(7.611, 7.610, 7.608);
        assertThat(top.bidQtys()).containsExactly(6, 7, 161);
        assertThat(top.askPrices()).containsExactly(7.612, 7.613, 7.614);
        assertThat(top.askQtys()).containsExactly(297, 410, 88);
    }

    @Test
    void partialDepthThinnerThanKIsZeroPadded() throws Exception {
        BookTop top = (BookTop) parse(new BinanceParser(MarketType.USDM, 7), message("futures_partial_depth5.json"));

        assertThat(top.levels()).isEqualTo(7);
        assertThat(top.bidPrices()).containsExactly(7.611, 7.610, 7.608, 7.607, 7.605, 0, 0);
        assertThat(top.askQtys()).containsExactly(297, 410, 88, 1563, 534, 0, 0);
        assertThat(BookTop.isEmptyLevel(top.askPrices()[6], top.askQtys()[6])).isTrue();
    }

    @Test
    void rawPayloadsReadLikeCombinedOnes() throws Exception {
        for (String file : List.of("spot_agg_trade.json", "spot_trade.json", "spot_depth_update.json")) {
            assertThat(parse(spot, rawData(message(file)))).as(file).isEqualTo(parse(spot, message(file)));
        }
        for (String file : List.of("futures_agg_trade.json", "futures_depth_update.json", "futures_book_ticker.json")) {
            assertThat(parse(futures, rawData(message(file)))).as(file).isEqualTo(parse(futures, message(file)));
        }
    }

    @Test
    void rawSpotBookTickerIsRecognisedByItsKeysOrByItsStream() throws Exception {
        String raw = rawData(message("spot_book_ticker.json"));
        Object expected = parse(spot, message("spot_book_ticker.json"));
        CollectingHandler hinted = new CollectingHandler();
        spot.parse(raw, "nknusdt@bookTicker", RECV, hinted);

        assertThat(parse(spot, raw)).isEqualTo(expected);
        assertThat(hinted.only()).isEqualTo(expected);
    }

    @Test
    void rawFuturesPartialDepthNeedsItsStreamToBeReadAsABook() throws Exception {
        String raw = rawData(message("futures_partial_depth5.json"));
        CollectingHandler hinted = new CollectingHandler();
        futures.parse(raw, "sushiusdt@depth5@100ms", RECV, hinted);

        assertThat(hinted.only()).isEqualTo(parse(futures, message("futures_partial_depth5.json")));
        assertThat(parse(futures, raw)).isInstanceOf(DepthUpdate.class);
    }

    @Test
    void keysInAnyOrderAndUnknownKeysAreAccepted() throws Exception {
        String reordered = "{\"data\":{\"x\":[1,{\"y\":2}],\"m\":false,\"M\":true,\"T\":1633998523963,"
                + "\"l\":19862790,\"f\":19862790,\"q\":\"58.00000000\",\"p\":\"0.35280000\",\"a\":15683430,"
                + "\"s\":\"NKNUSDT\",\"E\":1633998523963,\"e\":\"aggTrade\"},\"stream\":\"nknusdt@aggTrade\"}";
        String rawWithoutLeadingE = "{\"E\":1633998523963,\"e\":\"aggTrade\",\"s\":\"NKNUSDT\",\"a\":15683430,"
                + "\"p\":\"0.35280000\",\"q\":\"58.00000000\",\"f\":19862790,\"l\":19862790,\"T\":1633998523963,"
                + "\"m\":false}";
        Object expected = parse(spot, message("spot_agg_trade.json"));

        assertThat(parse(spot, reordered)).isEqualTo(expected);
        assertThat(parse(spot, rawWithoutLeadingE)).isEqualTo(expected);
    }

    @Test
    void methodResults() throws Exception {
        assertThat(parse(spot, message("method_result.json"))).isEqualTo(new MethodResult(1, null));
        assertThat(parse(futures, message("method_error.json")))
                .isEqualTo(new MethodResult(7, "Binance error 2: Invalid request: unknown variable"));
        assertThat(parse(spot, "{\"code\":0,\"msg\":\"Unknown property\",\"id\":3}"))
                .isEqualTo(new MethodResult(3, "Binance error 0: Unknown property"));
        assertThat(parse(spot, "{\"id\":4,\"result\":[\"btcusdt@trade\"]}")).isEqualTo(new MethodResult(4, null));
        assertThat(parse(spot, "{\"error\":{\"code\":3,\"msg\":\"Invalid JSON\"},\"id\":null}"))
                .isEqualTo(new MethodResult(-1, "Binance error 3: Invalid JSON"));
    }

    @Test
    void methodResultOnASingleStreamSocketIsNotTakenForItsStream() throws Exception {
        CollectingHandler handler = new CollectingHandler();
        spot.parse(message("method_result.json"), "nknusdt@bookTicker", RECV, handler);

        assertThat(handler.only()).isEqualTo(new MethodResult(1, null));
    }

    /**
     * A recorder may follow any update speed ({@code @0ms}, {@code @1000ms}, ...): the payloads are the
     * same, so every speed reads to the same event as the source's own {@code @100ms}.
     */
    @ParameterizedTest(name = "{2} {1}")
    @CsvSource({
        "SPOT, spot_depth_update.json, nknusdt@depth", "USDM, futures_depth_update.json, sushiusdt@depth",
        "COINM, coinm_depth_update.json, bchusd_perp@depth", "SPOT, spot_partial_depth5.json, bnbbtc@depth5",
        "USDM, futures_partial_depth5.json, sushiusdt@depth5", "COINM, coinm_partial_depth5.json, btcusd_200626@depth5"})
    void everyUpdateSpeedOfDiffAndPartialDepthReadsTheSame(MarketType market, String file, String stream)
            throws Exception {
        String data = file.startsWith("spot_partial") ? message(file) : rawData(message(file));
        BinanceParser parser = new BinanceParser(market, 5);
        Object expected = parse(parser, "{\"stream\":\"" + stream + "@100ms\",\"data\":" + data + "}");
        assertThat(expected).isInstanceOf(stream.endsWith("5") ? BookTop.class : DepthUpdate.class);
        for (String speed : List.of("", "@0ms", "@250ms", "@500ms", "@1000ms")) {
            assertThat(parse(parser, "{\"stream\":\"" + stream + speed + "\",\"data\":" + data + "}"))
                    .as(stream + speed).isEqualTo(expected);
        }
    }

    /** Coin-M is USD-M's wire format plus the pair {@code ps}: real messages of cryptofeed's coin-M session. */
    @Test
    void coinmMessagesCarryContractsAndTheirPair() throws Exception {
        BinanceParser coinm = new BinanceParser(MarketType.COINM, 5);
        assertThat(parse(coinm, message("coinm_agg_trade.json"))).isEqualTo(new Trade("BCHUSD_PERP",
                1626916404006L, 1626916403852L, RECV, 427.91, 3, 11285749L, TakerSide.SELL));
        assertThat(parse(coinm, message("coinm_depth_update.json"))).isEqualTo(new DepthUpdate("BCHUSD_PERP",
                1626916403873L, 1626916403864L, RECV, 167006084465L, 167006084895L, 167006084238L,
                new double[] {427.27, 427.53, 427.61, 427.69, 427.75, 427.84, 427.91},
                new double[] {0, 260, 17, 0, 228, 24, 0},
                new double[] {427.90, 427.91, 427.92, 428.19}, new double[] {669, 24, 670, 676}));
        assertThat(parse(coinm, message("coinm_book_ticker.json"))).isEqualTo(
                new BookTicker("BCHUSD_PERP", 167006084895L, 1626916403871L, RECV, 427.84, 24, 427.90, 669));
        assertThat(parse(coinm, message("coinm_partial_depth5.json"))).isEqualTo(new BookTop("BTCUSD_200626",
                1591269996801L, 1591269996646L, RECV, 17276701L,
                new double[] {9523.0, 9522.8, 9522.6, 9522.4, 9522.0}, new double[] {5, 8, 2, 1, 5},
                new double[] {9524.6, 9524.7, 9524.9, 9525.1, 9525.3}, new double[] {2, 3, 16, 10, 6}));
    }

    /** A raw coin-M bookTicker starts with {@code u}, not {@code e}: still recognised, by its event type. */
    @Test
    void rawCoinmPayloadsReadLikeCombinedOnes() throws Exception {
        BinanceParser coinm = new BinanceParser(MarketType.COINM, 5);
        for (String file : List.of("coinm_agg_trade.json", "coinm_depth_update.json", "coinm_book_ticker.json")) {
            assertThat(parse(coinm, rawData(message(file)))).as(file).isEqualTo(parse(coinm, message(file)));
        }
    }

    @Test
    void coinmRestAnswers() throws Exception {
        BinanceParser coinm = new BinanceParser(MarketType.COINM, 5);
        DepthSnapshot snapshot = coinm.parseSnapshot("btcusd_perp", message("coinm_depth_snapshot.json"), RECV);

        assertThat(snapshot).isEqualTo(new DepthSnapshot("BTCUSD_PERP", 16769853L, 1591250106370L, RECV,
                new double[] {9638.0}, new double[] {431}, new double[] {9638.2}, new double[] {12}));
        assertThat(coinm.parseAggTrades("BTCUSD_PERP", message("coinm_agg_trades_rest.json"), RECV)).containsExactly(
                new Trade("BTCUSD_PERP", 1591250548649L, 1591250548649L, RECV, 9642.4, 3, 416690L, TakerSide.BUY));
    }

    @Test
    void handlerMayCallBackIntoTheParser() throws Exception {
        String snapshot = "{\"lastUpdateId\":499869752,\"bids\":[[\"0.3521\",\"672\"]],\"asks\":[]}";
        List<Object> seen = new ArrayList<>();
        spot.parse(message("spot_depth_update.json"), RECV, new CollectingHandler() {
            @Override
            public void onDepthUpdate(DepthUpdate update) {
                try {
                    seen.add(update);
                    seen.add(spot.parseSnapshot(update.symbol(), snapshot, RECV)); // a gap's resync, say
                } catch (MalformedMessageException e) {
                    throw new AssertionError(e);
                }
            }
        });

        assertThat(seen).hasSize(2); // and the nested read did not overwrite the diff's levels:
        assertThat(((DepthUpdate) seen.get(0)).bidPrices()).containsExactly(0.3513, 0.3475, 0.3464);
        assertThat(((DepthSnapshot) seen.get(1)).lastUpdateId()).isEqualTo(499869752L);
    }
}
