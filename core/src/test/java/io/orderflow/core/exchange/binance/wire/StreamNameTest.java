package io.orderflow.core.exchange.binance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.UnsupportedStreamException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamNameTest {

    /** Every update speed, not a list of examples: recorders use 0 ms to 1000 ms. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "btcusdt@aggTrade, BTCUSDT, AGG_TRADE, 0",
        "btcusdt@trade, BTCUSDT, TRADE, 0",
        "btcusdt@bookTicker, BTCUSDT, BOOK_TICKER, 0",
        "btcusdt@depth, BTCUSDT, DIFF_DEPTH, 0",
        "btcusdt@depth@0ms, BTCUSDT, DIFF_DEPTH, 0",
        "btcusdt@depth@100ms, BTCUSDT, DIFF_DEPTH, 0",
        "btcusdt@depth@250ms, BTCUSDT, DIFF_DEPTH, 0",
        "btcusdt@depth@500ms, BTCUSDT, DIFF_DEPTH, 0",
        "btcusdt@depth@1000ms, BTCUSDT, DIFF_DEPTH, 0",
        "btcusdt@depth@20ms, BTCUSDT, DIFF_DEPTH, 0",
        "btcusdt@depth5, BTCUSDT, PARTIAL_DEPTH, 5",
        "btcusdt@depth10@100ms, BTCUSDT, PARTIAL_DEPTH, 10",
        "btcusdt@depth20, BTCUSDT, PARTIAL_DEPTH, 20",
        "btcusdt@depth5@250ms, BTCUSDT, PARTIAL_DEPTH, 5",
        "btcusdt@depth20@500ms, BTCUSDT, PARTIAL_DEPTH, 20",
        "btcusdt@depth10@0ms, BTCUSDT, PARTIAL_DEPTH, 10",
        "btcusd_perp@aggTrade, BTCUSD_PERP, AGG_TRADE, 0",
        "ethusd_211231@depth@0ms, ETHUSD_211231, DIFF_DEPTH, 0",
        "btcusd_perp@bookTicker, BTCUSD_PERP, BOOK_TICKER, 0",
        "1000shibusdt@depth@100ms, 1000SHIBUSDT, DIFF_DEPTH, 0",
    })
    void consumedStreams(String name, String symbol, StreamKind kind, int levels) throws MalformedMessageException {
        assertThat(StreamName.parse(name)).isEqualTo(new StreamName(name, symbol, kind, levels));
    }

    /** Well-formed Binance streams (spot, USD-M, coin-M) the job does not consume. */
    @ParameterizedTest
    @ValueSource(strings = {"btcusdt@kline_1m", "btcusdt@kline_1s", "btcusdt@kline_1h@+08:00", "btcusdt@markPrice",
        "btcusdt@markPrice@1s", "btcusdt@ticker", "btcusdt@miniTicker", "btcusdt@ticker_1h", "btcusdt@forceOrder",
        "btcusdt@avgPrice", "btcusdt@compositeIndex", "btcusdt@rpiDepth@500ms", "btcusd_perp@indexPrice",
        "btcusd@indexPrice@1s", "btcusd_perp@markPriceKline_1m", "btcusd_next_quarter@continuousKline_5m",
        "btcusd@indexPriceKline_1m", "!miniTicker@arr", "!ticker@arr", "!bookTicker", "!forceOrder@arr",
        "!markPrice@arr@1s", "!contractInfo", "!assetIndex@arr", "btcusdt@aggTrades", "btcusdt@depth15",
        "btcusdt@depth@1s", "btcusdt@aggTrade@100ms", "btcusdt@bookTicker@100ms", "btcusdt@Trade",
        "btcusdt@depth@100ms@extra"})
    void wellFormedStreamsTheJobDoesNotConsumeAreUnsupported(String name) {
        assertThatThrownBy(() -> StreamName.parse(name))
                .isExactlyInstanceOf(UnsupportedStreamException.class)
                .hasMessage("unsupported stream " + name);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            btcusdt              | expected <symbol>@<type>
            ''                   | expected <symbol>@<type>
            btcusdt@             | '' is not a stream type or parameter
            btcusdt@@aggTrade    | '' is not a stream type or parameter
            btcusdt@depth@       | '' is not a stream type or parameter
            @aggTrade            | '' is not a lower-case symbol
            BTCUSDT@aggTrade     | 'BTCUSDT' is not a lower-case symbol
            btc-usdt@aggTrade    | 'btc-usdt' is not a lower-case symbol
            _@aggTrade           | '_' is not a lower-case symbol
            btcusd__perp@trade   | 'btcusd__perp' is not a lower-case symbol
            btcusdt@agg trade    | 'agg trade' is not a stream type or parameter
            btcusdt@depth@100ms! | '100ms!' is not a stream type or parameter
            !@arr                | '!' is not !<type>
            !mini-ticker@arr     | '!mini-ticker' is not !<type>
            """)
    void namesOutsideTheGrammarAreMalformed(String name, String why) {
        assertThatThrownBy(() -> StreamName.parse(name))
                .isExactlyInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed stream name " + name + ": " + why);
    }
}
