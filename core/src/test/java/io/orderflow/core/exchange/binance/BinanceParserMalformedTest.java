package io.orderflow.core.exchange.binance;

import static io.orderflow.core.exchange.binance.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One case per kind of bad input: the exception, and a message naming the stream and the field. */
class BinanceParserMalformedTest {

    private static final long RECV = 1_700_000_000_123L;

    private final BinanceParser spot = new BinanceParser(MarketType.SPOT, 5);
    private final BinanceParser futures = new BinanceParser(MarketType.USDM, 5);
    private final CollectingHandler handler = new CollectingHandler();

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(BinanceParser parser, String message) {
        return assertThatThrownBy(() -> parser.parse(message, RECV, handler))
                .isExactlyInstanceOf(MalformedMessageException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated.json        | nknusdt@aggTrade: invalid JSON at char 120: Unexpected end-of-input
            wrong_type.json       | nknusdt@aggTrade: field E: expected an integer, got a string
            missing_field.json    | nknusdt@aggTrade: missing field q
            nan.json              | nknusdt@aggTrade: field p: not a plain decimal: "NaN"
            negative.json         | nknusdt@depth@100ms: field b[0]: quantity negative: "-6195.00000000"
            absurd.json           | nknusdt@aggTrade: field q: absurd (> 1e12): "5800000000000.00000000"
            zero_trade_price.json | nknusdt@aggTrade: field p: zero: "0.00000000"
            empty_symbol.json     | nknusdt@aggTrade: field s: empty symbol
            symbol_mismatch.json  | nknusdt@aggTrade: field s: symbol mismatch: BLZETH on a stream of NKNUSDT
            bad_stream_name.json  | malformed stream name nknusdt aggTrade: expected <symbol>@<type>
            """)
    void malformedFixture(String file, String reason) {
        assertRejected(spot, message("malformed/" + file)).hasMessageStartingWith(reason);
        assertThat(handler.events).isEmpty();
    }

    @Test
    void klineIsUnsupportedRatherThanMalformed() {
        assertThatThrownBy(() -> spot.parse(message("spot_kline.json"), RECV, handler))
                .isExactlyInstanceOf(UnsupportedStreamException.class)
                .hasMessage("unsupported stream nknusdt@kline_1m");
        String raw = "{\"e\":\"kline\",\"E\":1633998523963,\"s\":\"NKNUSDT\",\"k\":{}}";
        assertThatThrownBy(() -> spot.parse(raw, RECV, handler))
                .isExactlyInstanceOf(UnsupportedStreamException.class)
                .hasMessage("unsupported event type kline");
    }

    /** A well-formed name is Binance's to define: one the job does not know is unsupported, never garbage. */
    @Test
    void wellFormedStreamsAndEventTypesTheJobDoesNotKnowAreUnsupported() {
        String trade = message("spot_agg_trade.json");
        assertThatThrownBy(() -> spot.parse(trade.replace("nknusdt@aggTrade", "nknusdt@aggTrades"), RECV, handler))
                .isExactlyInstanceOf(UnsupportedStreamException.class)
                .hasMessage("unsupported stream nknusdt@aggTrades");
        assertThatThrownBy(() -> spot.parse("{\"e\":\"outboundAccountPosition\"}", RECV, handler))
                .isExactlyInstanceOf(UnsupportedStreamException.class)
                .hasMessage("unsupported event type outboundAccountPosition");
        assertThat(handler.events).isEmpty();
    }

    @Test
    void infinityAndNonPlainNumbersAreNotDecimals() {
        for (String value : new String[] {"Infinity", "-Infinity", "1e3", "0x1p3", "1.", ".5", " 1", "1d", ""}) {
            String message = message("spot_agg_trade.json").replace("\"q\":\"58.00000000\"", "\"q\":\"" + value + "\"");
            assertRejected(spot, message).as(value).hasMessageContaining("field q: not a plain decimal");
        }
    }

    /** Found by the fuzzer (issue 16): Jackson's depth limit fails without a location, which the message read. */
    @Test
    void nestingBeyondJacksonsDepthLimit() {
        String nested = "{\"stream\":\"nknusdt@aggTrade\",\"data\":{\"x\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}}";
        assertRejected(spot, nested).hasMessageStartingWith("nknusdt@aggTrade: invalid JSON: Document nesting depth (1001)");
    }

    @Test
    void negativeTradePrice() {
        String message = message("spot_agg_trade.json").replace("\"p\":\"0.35280000\"", "\"p\":\"-0.35280000\"");
        assertRejected(spot, message).hasMessage("nknusdt@aggTrade: field p: negative: \"-0.35280000\"");
    }

    @Test
    void numberWherePriceStringExpected() {
        String message = message("spot_agg_trade.json").replace("\"p\":\"0.35280000\"", "\"p\":0.3528");
        assertRejected(spot, message)
                .hasMessage("nknusdt@aggTrade: field p: expected a decimal string, got a floating-point number");
    }

    @Test
    void badLevels() {
        String depth = message("spot_depth_update.json");
        assertRejected(spot, depth.replace("\"a\":[]", "\"a\":{}"))
                .hasMessage("nknusdt@depth@100ms: field a: expected an array of [price, quantity], got an object");
        assertRejected(spot, depth.replace("\"a\":[]", "\"a\":[\"0.35\"]"))
                .hasMessage("nknusdt@depth@100ms: field a[0]: expected [price, quantity], got a string");
        assertRejected(spot, depth.replace("\"a\":[]", "\"a\":[[\"0\",\"1\"]]"))
                .hasMessage("nknusdt@depth@100ms: field a[0]: price zero: \"0\"");
        assertRejected(spot, depth.replace("\"a\":[]", "\"a\":[[\"0.35\"]]"))
                .hasMessage("nknusdt@depth@100ms: field a[0]: quantity: expected a decimal string, got the end of the array");
    }

    @Test
    void diffWhoseFirstIdIsAfterItsLastOne() {
        String message = message("spot_depth_update.json").replace("\"U\":499869750", "\"U\":499869753");
        assertRejected(spot, message)
                .hasMessage("nknusdt@depth@100ms: field U: first update id 499869753 is after the final one 499869752");
    }

    @Test
    void futuresDiffWithoutPreviousIdCannotBeChecked() {
        String message = message("futures_depth_update.json").replace("\"pu\":600859598061,", "");
        assertRejected(futures, message).hasMessage("sushiusdt@depth@100ms: missing field pu");
    }

    @Test
    void eventTypeThatIsNotTheStreams() {
        String message = message("spot_agg_trade.json").replace("\"e\":\"aggTrade\"", "\"e\":\"trade\"");
        assertRejected(spot, message)
                .hasMessage("nknusdt@aggTrade: field e: expected event type aggTrade, got trade");
    }

    @Test
    void malformedEnvelopes() {
        String data = "{\"e\":\"aggTrade\"}";
        assertRejected(spot, "[]").hasMessage("message: expected a JSON object, got an array");
        assertRejected(spot, "{}").hasMessage("message: empty object");
        assertRejected(spot, "{\"data\":" + data + "}").hasMessage("message: combined-stream message without \"stream\"");
        assertRejected(spot, "{\"stream\":\"nknusdt@aggTrade\"}")
                .hasMessage("nknusdt@aggTrade: combined-stream message without \"data\"");
        assertRejected(spot, "{\"stream\":\"nknusdt@aggTrade\",\"data\":null}")
                .hasMessage("nknusdt@aggTrade: expected a JSON object, got null");
        assertRejected(spot, "{\"stream\":\"@aggTrade\",\"data\":" + data + "}")
                .hasMessage("malformed stream name @aggTrade: '' is not a lower-case symbol");
        assertRejected(spot, "{\"stream\":\"nknusdt\",\"data\":" + data + "}")
                .hasMessage("malformed stream name nknusdt: expected <symbol>@<type>");
        assertRejected(spot, message("spot_trade.json") + "}").hasMessageStartingWith("btcusdt@trade: invalid JSON");
        assertRejected(spot, message("spot_trade.json") + " {}")
                .hasMessage("btcusdt@trade: trailing content after the message: an object");
        assertRejected(spot, "not json").hasMessageStartingWith("message: invalid JSON at char 3: Unrecognized token 'not'");
    }

    @Test
    void rawMessagesThatCannotBeRecognised() {
        assertRejected(spot, message("spot_partial_depth5.json"))
                .hasMessage("message: a spot partial-depth payload names no symbol: parse it with its stream name");
        assertRejected(spot, "{\"x\":1}").hasMessage("message: unrecognised message: no stream, event type or known keys");
        assertRejected(spot, "{\"e\":\"outbound account\"}").hasMessage("malformed event type 'outbound account'");
    }

    @Test
    void restErrorsAndBadPages() {
        String error = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";
        assertThatThrownBy(() -> spot.parseSnapshot("BTCUSDX", error, RECV))
                .isExactlyInstanceOf(MalformedMessageException.class)
                .hasMessage("REST depth BTCUSDX: Binance error -1121: Invalid symbol.");
        assertThatThrownBy(() -> spot.parseAggTrades("BTCUSDX", error, RECV))
                .hasMessage("REST aggTrades BTCUSDX: Binance error -1121: Invalid symbol.");
        assertThatThrownBy(() -> futures.parseSnapshot("KEEPUSDT", "{\"lastUpdateId\":1,\"bids\":[],\"asks\":[]}", RECV))
                .hasMessage("REST depth KEEPUSDT: missing field E");
        String outOfOrder = "[{\"a\":2,\"p\":\"1\",\"q\":\"1\",\"f\":2,\"l\":2,\"T\":5,\"m\":true},"
                + "{\"a\":1,\"p\":\"1\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":4,\"m\":true}]";
        assertThatThrownBy(() -> spot.parseAggTrades("BTCUSDT", outOfOrder, RECV))
                .hasMessage("REST aggTrades BTCUSDT: field a: aggregate trade ids not increasing: 1 after 2");
        assertThatThrownBy(() -> spot.parseAggTrades("BTCUSDT", "[1]", RECV))
                .hasMessage("REST aggTrades BTCUSDT: expected a trade object, got an integer");
    }
}
