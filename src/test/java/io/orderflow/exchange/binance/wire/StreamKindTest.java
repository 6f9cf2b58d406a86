package io.orderflow.exchange.binance.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.exchange.binance.MalformedMessageException;
import org.junit.jupiter.api.Test;

class StreamKindTest {

    @Test
    void streamNamesAreBinances() {
        assertThat(StreamKind.AGG_TRADE.streamName("BTCUSDT", 10)).isEqualTo("btcusdt@aggTrade");
        assertThat(StreamKind.TRADE.streamName("BTCUSDT", 10)).isEqualTo("btcusdt@trade");
        assertThat(StreamKind.DIFF_DEPTH.streamName("BTCUSDT", 10)).isEqualTo("btcusdt@depth@100ms");
        assertThat(StreamKind.BOOK_TICKER.streamName("BTCUSDT", 10)).isEqualTo("btcusdt@bookTicker");
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
            assertThat(StreamName.parse(kind.streamName("BTCUSDT", 5)).kind()).isEqualTo(kind);
        }
        assertThat(StreamName.parse("btcusdt@depth").kind()).isEqualTo(StreamKind.DIFF_DEPTH);
        assertThat(StreamName.parse("btcusdt@depth20").kind()).isEqualTo(StreamKind.PARTIAL_DEPTH);
        assertThatThrownBy(() -> StreamName.parse("btcusdt@kline_1m")).hasMessageContaining("kline");
    }
}
