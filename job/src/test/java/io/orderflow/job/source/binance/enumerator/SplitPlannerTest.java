package io.orderflow.job.source.binance.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.job.source.binance.BinanceSource;
import io.orderflow.job.source.binance.split.BinanceSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitPlannerTest {

    @Test
    void futuresPutsAggregateTradesOnMarketAndBookStreamsOnPublic() {
        List<BinanceSplit> splits = SplitPlanner.plan(BinanceSource.builder()
                .market(MarketType.USDM)
                .symbols(List.of("btcusdt", "ETHUSDT"))
                .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER)
                .build().config());

        assertThat(splits).extracting(BinanceSplit::splitId).containsExactly("usdm-market-0", "usdm-public-0");
        assertThat(splits.get(0).streams()).containsExactly("btcusdt@aggTrade", "ethusdt@aggTrade");
        assertThat(splits.get(1).streams()).containsExactly(
                "btcusdt@depth@100ms", "btcusdt@bookTicker", "ethusdt@depth@100ms", "ethusdt@bookTicker");
        assertThat(splits).allSatisfy(split -> assertThat(split.lastTradeIds()).isEmpty());
    }

    @Test
    void futuresRawTradesGoOnPublic() {
        List<BinanceSplit> splits = SplitPlanner.plan(BinanceSource.builder()
                .market(MarketType.USDM)
                .symbols(List.of("BTCUSDT"))
                .streams(StreamKind.TRADE, StreamKind.PARTIAL_DEPTH)
                .bookLevels(10)
                .build().config());

        assertThat(splits).singleElement().satisfies(split -> {
            assertThat(split.route()).isEqualTo(BinanceRoute.USDM_PUBLIC);
            assertThat(split.streams()).containsExactly("btcusdt@trade", "btcusdt@depth10@100ms");
        });
    }

    @Test
    void spotCarriesEverythingOnOneRouteAndKeepsASymbolsStreamsTogether() {
        List<BinanceSplit> splits = SplitPlanner.plan(BinanceSource.builder()
                .symbols(List.of("AUSDT", "BUSDT", "CUSDT"))
                .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER)
                .maxStreamsPerConnection(7)
                .build().config());

        assertThat(splits).extracting(BinanceSplit::splitId).containsExactly("spot-0", "spot-1");
        assertThat(splits.get(0).symbols()).containsExactly("AUSDT", "BUSDT");
        assertThat(splits.get(1).symbols()).containsExactly("CUSDT");
        assertThat(splits).allSatisfy(split -> assertThat(split.streams().size()).isLessThanOrEqualTo(7));
    }

    /** Coin-M has one route; its symbols keep their underscore through stream names and split symbols. */
    @Test
    void coinmCarriesEverythingOnItsOneRoute() {
        List<BinanceSplit> splits = SplitPlanner.plan(BinanceSource.builder()
                .market(MarketType.COINM)
                .symbols(List.of("BTCUSD_PERP", "ethusd_211231"))
                .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER)
                .build().config());

        assertThat(splits).singleElement().satisfies(split -> {
            assertThat(split.splitId()).isEqualTo("coinm-0");
            assertThat(split.route().streamPath()).isEqualTo("/stream");
            assertThat(split.streams()).containsExactly("btcusd_perp@aggTrade", "btcusd_perp@depth@100ms",
                    "btcusd_perp@bookTicker", "ethusd_211231@aggTrade", "ethusd_211231@depth@100ms",
                    "ethusd_211231@bookTicker");
            assertThat(split.symbols()).containsExactly("BTCUSD_PERP", "ETHUSD_211231");
        });
    }

    @Test
    void thePlanIsTheSameEveryTime() {
        var config = BinanceSource.builder().symbols(List.of("AUSDT", "BUSDT", "CUSDT"))
                .maxStreamsPerConnection(2).build().config();

        assertThat(SplitPlanner.plan(config)).isEqualTo(SplitPlanner.plan(config)).hasSize(3);
    }
}
