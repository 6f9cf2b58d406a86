package io.orderflow.job.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.job.source.binance.BinanceSource;
import io.orderflow.job.source.binance.SubscribeMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedConnectionTest {

    @Test
    void streamsGoInTheUrlOnTheirRoute() {
        BinanceSource source = futures(SubscribeMode.URL);

        assertThat(source.initialSplits()).extracting(split -> FeedConnection.uri(source.config(), split).toString())
                .containsExactly(
                        "ws://127.0.0.1:9000/market/stream?streams=btcusdt@aggTrade",
                        "ws://127.0.0.1:9000/public/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker");
    }

    @Test
    void subscribingConnectsBare() {
        BinanceSource source = futures(SubscribeMode.SUBSCRIBE);

        assertThat(source.initialSplits()).extracting(split -> FeedConnection.uri(source.config(), split).toString())
                .containsExactly("ws://127.0.0.1:9000/market/stream", "ws://127.0.0.1:9000/public/stream");
    }

    @Test
    void spotHasNoRoutePrefix() {
        BinanceSource source = BinanceSource.builder().symbols(List.of("BTCUSDT")).wsBaseUrl("ws://127.0.0.1:9000").build();

        assertThat(FeedConnection.uri(source.config(), source.initialSplits().get(0)).toString())
                .isEqualTo("ws://127.0.0.1:9000/stream?streams=btcusdt@aggTrade/btcusdt@depth@100ms");
    }

    private static BinanceSource futures(SubscribeMode mode) {
        return BinanceSource.builder()
                .market(MarketType.USDM)
                .symbols(List.of("BTCUSDT"))
                .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER)
                .wsBaseUrl("ws://127.0.0.1:9000")
                .subscribeMode(mode)
                .build();
    }
}
