package io.orderflow.job.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.job.source.binance.BinanceSource;
import io.orderflow.job.source.binance.SubscribeMode;
import io.orderflow.job.source.binance.split.BinanceSplit;
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

    @Test
    void aReconnectIsOneNoticePerSymbolServedWithItsCauseAndHowLongItWasDown() throws Exception {
        BinanceSource source = BinanceSource.builder()
                .market(MarketType.USDM)
                .symbols(List.of("BTCUSDT", "ETHUSDT"))
                .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH)
                .wsBaseUrl("ws://127.0.0.1:9000")
                .build();
        BinanceSplit books = source.initialSplits().get(1);

        List<MarketEvent> notices = FeedConnection.reconnectNotices(books, 1_700_000_000_000L,
                "closed by the exchange (1006 \"EOF\")", 1_050, 1_120);

        assertThat(notices).extracting(MarketEvent::symbol).containsExactly("BTCUSDT", "ETHUSDT");
        for (MarketEvent event : notices) {
            MarketNotice notice = event.notice();
            assertThat(notice.type()).isEqualTo(MarketNotice.WS_RECONNECT);
            assertThat(notice.timeMs()).isEqualTo(1_700_000_000_000L);
            JsonNode meta = new ObjectMapper().readTree(notice.metaJson());
            assertThat(meta.path("symbol").asText()).isEqualTo(notice.symbol());
            assertThat(meta.path("connection").asText()).isEqualTo("usdm-public-0");
            assertThat(meta.path("route").asText()).isEqualTo("usdm-public");
            assertThat(meta.path("cause").asText()).isEqualTo("closed by the exchange (1006 \"EOF\")");
            assertThat(meta.path("down_ms").asLong()).isEqualTo(1_050);
            assertThat(meta.path("gap_ms").asLong()).isEqualTo(1_120);
            assertThat(meta.path("symbols")).extracting(JsonNode::asText).containsExactly("BTCUSDT", "ETHUSDT");
        }
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
