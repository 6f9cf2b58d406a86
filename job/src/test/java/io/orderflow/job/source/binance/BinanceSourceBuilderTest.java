package io.orderflow.job.source.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.job.source.binance.split.BinanceSplit;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class BinanceSourceBuilderTest {

    private static final List<String> SYMBOLS = List.of("btcusdt", "ETHUSDT");

    @Test
    void defaultsFollowTheMarket() {
        BinanceSourceConfig spot = BinanceSource.builder().symbols(SYMBOLS).build().config();
        BinanceSourceConfig futures = BinanceSource.builder().market(MarketType.USDM).symbols(SYMBOLS).build().config();

        assertThat(spot.wsBaseUrl()).isEqualTo("wss://stream.binance.com:9443");
        assertThat(spot.restBaseUrl()).isEqualTo("https://api.binance.com");
        assertThat(futures.wsBaseUrl()).isEqualTo("wss://fstream.binance.com");
        assertThat(futures.restBaseUrl()).isEqualTo("https://fapi.binance.com");
        assertThat(spot.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(spot.streams()).containsExactly(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH);
        assertThat(spot.silenceTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spot.maxConnectionAge()).isEqualTo(Duration.ofHours(23));
        assertThat(spot.maxStreamsPerConnection()).isEqualTo(200);
        assertThat(spot.subscribeMode()).isEqualTo(SubscribeMode.URL);
    }

    @Test
    void anEndTimeMakesItBounded() {
        assertThat(BinanceSource.builder().symbols(SYMBOLS).build().getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(BinanceSource.builder().symbols(SYMBOLS).endTimeMs(1_800_000_000_000L).build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void onlyABoundedRunTellsItsReadersThatNoMoreSplitsWillCome() throws Exception {
        try (MockSplitEnumeratorContext<BinanceSplit> unbounded = new MockSplitEnumeratorContext<>(3);
                MockSplitEnumeratorContext<BinanceSplit> bounded = new MockSplitEnumeratorContext<>(3)) {
            register(unbounded, BinanceSource.builder().symbols(SYMBOLS).build().createEnumerator(unbounded), 2);
            register(bounded, BinanceSource.builder().symbols(SYMBOLS).endTimeMs(1_800_000_000_000L).build()
                    .createEnumerator(bounded), 2);

            assertThat(unbounded.hasNoMoreSplits(2)).isFalse();
            assertThat(bounded.hasNoMoreSplits(2)).isTrue();
        }
    }

    private static void register(MockSplitEnumeratorContext<BinanceSplit> context,
            SplitEnumerator<BinanceSplit, ?> enumerator, int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
        enumerator.addReader(subtask);
    }

    @Test
    void urlsLoseATrailingSlash() {
        BinanceSourceConfig config = BinanceSource.builder().symbols(SYMBOLS)
                .wsBaseUrl("ws://127.0.0.1:9000/").restBaseUrl("http://127.0.0.1:9001/").build().config();

        assertThat(config.wsBaseUrl()).isEqualTo("ws://127.0.0.1:9000");
        assertThat(config.restBaseUrl()).isEqualTo("http://127.0.0.1:9001");
    }

    @Test
    void sanityCheckNamesWhatIsWrong() {
        assertRejected(b -> b.symbols(List.of()), "at least one symbol");
        assertRejected(b -> b.symbols(List.of("BTC-USDT")), "letters and digits");
        assertRejected(b -> b.symbols(List.of("BTCUSDT", "btcusdt")), "distinct");
        assertRejected(b -> b.streams(StreamKind.AGG_TRADE, StreamKind.TRADE), "one trade stream");
        assertRejected(b -> b.streams(StreamKind.DIFF_DEPTH, StreamKind.PARTIAL_DEPTH), "one depth stream");
        assertRejected(b -> b.streams(StreamKind.AGG_TRADE, StreamKind.BOOK_TICKER), "BOOK_TICKER only");
        assertRejected(b -> b.streams(), "at least one stream kind");
        assertRejected(b -> b.streams(StreamKind.PARTIAL_DEPTH).bookLevels(25), "at most 20 levels");
        assertRejected(b -> b.bookLevels(0), "bookLevels");
        assertRejected(b -> b.maxStreamsPerConnection(1), "maxStreamsPerConnection must be between 2");
        assertRejected(b -> b.maxStreamsPerConnection(1025), "1024");
        assertRejected(b -> b.symbols(List.of("_")), "letters and digits");
        assertRejected(b -> b.symbols(List.of("BTCUSD_")), "letters and digits");
        assertRejected(b -> b.wsBaseUrl("http://127.0.0.1:9000"), "wsBaseUrl must be ws or wss");
        assertRejected(b -> b.restBaseUrl("ws://127.0.0.1:9000"), "restBaseUrl must be http or https");
        assertRejected(b -> b.silenceTimeout(Duration.ZERO), "silenceTimeout must be a positive duration");
        assertRejected(b -> b.reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)), "must not be below");
        assertRejected(b -> b.maxConnectionAge(Duration.ofHours(24)), "24 h");
        assertRejected(b -> b.pingInterval(Duration.ofMillis(100)), "pingInterval");
        assertRejected(b -> b.dedupLru(0), "dedupLru");
        assertRejected(b -> b.handoffCapacity(0), "handoffCapacity");
    }

    /** Coin-M: its own hosts, contract symbols, one route, no raw trades, at most 200 streams a connection. */
    @Test
    void coinmFollowsContracts() {
        BinanceSourceConfig coinm = BinanceSource.builder().market(MarketType.COINM)
                .symbols(List.of("btcusd_perp", "ETHUSD_211231")).build().config();

        assertThat(coinm.wsBaseUrl()).isEqualTo("wss://dstream.binance.com");
        assertThat(coinm.restBaseUrl()).isEqualTo("https://dapi.binance.com");
        assertThat(coinm.symbols()).containsExactly("BTCUSD_PERP", "ETHUSD_211231");
        assertThatThrownBy(() -> BinanceSource.builder().market(MarketType.COINM).symbols(List.of("BTCUSD_PERP"))
                .streams(StreamKind.TRADE, StreamKind.DIFF_DEPTH).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("COINM has no [TRADE] stream");
        assertThatThrownBy(() -> BinanceSource.builder().market(MarketType.COINM).symbols(List.of("BTCUSD_PERP"))
                .maxStreamsPerConnection(201).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("and 200 (COINM)");
    }

    private static void assertRejected(UnaryOperator<BinanceSourceBuilder> change, String message) {
        assertThatThrownBy(() -> change.apply(BinanceSource.builder().symbols(SYMBOLS)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
