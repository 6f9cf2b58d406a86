package io.orderflow.core.exchange.binance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.UnsupportedStreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamKindTest {

    @Test
    void streamNamesAreBinances() {
        assertThat(StreamKind.AGG_TRADE.streamName("BTCUSDT", 10)).isEqualTo("btcusdt@aggTrade");
        assertThat(StreamKind.TRADE.streamName("BTCUSDT", 10)).isEqualTo("btcusdt@trade");
        assertThat(StreamKind.DIFF_DEPTH.streamName("BTCUSDT", 10)).isEqualTo("btcusdt@depth@100ms");
        assertThat(StreamKind.BOOK_TICKER.streamName("BTCUSDT", 10)).isEqualTo("btcusdt@bookTicker");
        assertThat(StreamKind.DIFF_DEPTH.streamName("BTCUSD_PERP", 10)).isEqualTo("btcusd_perp@depth@100ms");
    }

    @Test
    void partialDepthCarriesTheFewestLevelsCoveringK() {
        assertThat(StreamKind.PARTIAL_DEPTH.streamName("ETHUSDT", 3)).isEqualTo("ethusdt@depth5@100ms");
        assertThat(StreamKind.PARTIAL_DEPTH.streamName("ETHUSDT", 10)).isEqualTo("ethusdt@depth10@100ms");
        assertThat(StreamKind.PARTIAL_DEPTH.streamName("ETHUSDT", 11)).isEqualTo("ethusdt@depth20@100ms");
    }

    @Test
    void everyStreamNameReadsBackAsItsKind() throws MalformedMessageException {
        for (StreamKind kind : StreamKind.values()) {
            for (String symbol : new String[] {"BTCUSDT", "BTCUSD_PERP"}) {
                StreamName stream = StreamName.parse(kind.streamName(symbol, 5));
                assertThat(stream.kind()).isEqualTo(kind);
                assertThat(stream.symbol()).isEqualTo(symbol);
            }
        }
    }

    @Test
    void consumedEventTypes() throws MalformedMessageException {
        assertThat(StreamKind.ofEventType("aggTrade")).isEqualTo(StreamKind.AGG_TRADE);
        assertThat(StreamKind.ofEventType("trade")).isEqualTo(StreamKind.TRADE);
        assertThat(StreamKind.ofEventType("depthUpdate")).isEqualTo(StreamKind.DIFF_DEPTH);
        assertThat(StreamKind.ofEventType("bookTicker")).isEqualTo(StreamKind.BOOK_TICKER);
    }

    /** Any event type is a word; the ones the job does not consume are unsupported, not malformed. */
    @ParameterizedTest
    @ValueSource(strings = {"kline", "continuous_kline", "markPriceUpdate", "indexPriceUpdate", "24hrMiniTicker",
        "24hrTicker", "1hTicker", "forceOrder", "avgPrice", "compositeIndex", "contractInfo", "ACCOUNT_UPDATE",
        "someFutureEvent", "AggTrade"})
    void otherEventTypesAreUnsupported(String e) {
        assertThatThrownBy(() -> StreamKind.ofEventType(e))
                .isExactlyInstanceOf(UnsupportedStreamException.class)
                .hasMessage("unsupported event type " + e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "agg Trade", "depth-update", "bookTicker\n", "kline@1m"})
    void eventTypesThatAreNoWordAreMalformed(String e) {
        assertThatThrownBy(() -> StreamKind.ofEventType(e))
                .isExactlyInstanceOf(MalformedMessageException.class)
                .hasMessage("malformed event type '" + e + "'");
    }
}
