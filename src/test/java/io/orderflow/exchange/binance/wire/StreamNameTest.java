package io.orderflow.exchange.binance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.exchange.binance.MalformedMessageException;
import io.orderflow.exchange.binance.UnsupportedStreamException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamNameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "btcusdt@aggTrade, AGG_TRADE",
        "btcusdt@trade, TRADE",
        "btcusdt@depth, DIFF_DEPTH",
        "btcusdt@depth@100ms, DIFF_DEPTH",
        "btcusdt@depth@250ms, DIFF_DEPTH",
        "btcusdt@depth@500ms, DIFF_DEPTH",
        "btcusdt@depth5, PARTIAL_DEPTH",
        "btcusdt@depth10@100ms, PARTIAL_DEPTH",
        "btcusdt@depth20@500ms, PARTIAL_DEPTH",
        "btcusdt@bookTicker, BOOK_TICKER",
    })
    void consumedStreams(String name, StreamKind kind) throws MalformedMessageException {
        assertThat(StreamName.parse(name)).isEqualTo(new StreamName(name, "BTCUSDT", kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"btcusdt@kline_1m", "btcusdt@markPrice@1s", "btcusdt@ticker", "btcusdt@miniTicker",
        "btcusdt@forceOrder", "btcusdt@avgPrice", "btcusdt@ticker_1h"})
    void binanceStreamsTheJobDoesNotConsumeAreUnsupported(String name) {
        assertThatThrownBy(() -> StreamName.parse(name))
                .isExactlyInstanceOf(UnsupportedStreamException.class)
                .hasMessage("unsupported stream " + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"btcusdt@aggTrades", "btcusdt@depth15", "btcusdt@depth@1s", "btcusdt@aggTrade@100ms",
        "btcusdt@", "btcusdt@Trade"})
    void anythingElseIsUnknown(String name) {
        assertThatThrownBy(() -> StreamName.parse(name))
                .isExactlyInstanceOf(MalformedMessageException.class)
                .hasMessage("unknown stream " + name);
    }
}
