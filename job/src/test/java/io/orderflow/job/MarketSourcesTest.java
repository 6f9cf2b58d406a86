package io.orderflow.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.job.config.ConfigException;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.source.binance.BinanceSource;
import io.orderflow.job.source.binance.BinanceSourceConfig;
import io.orderflow.job.source.market.EmbeddedMarketConfig;
import io.orderflow.job.source.market.EmbeddedMarketSource;
import io.orderflow.job.source.replay.ReplaySource;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

/** How the configuration becomes the production market source. */
class MarketSourcesTest {

    @Test
    void runHoursEndsTheMarketThatLongAfterItsStart() {
        EmbeddedMarketSource source = MarketSources.embedded(OrderflowConfig.defaults().with("RUN_HOURS", "0.5"));
        EmbeddedMarketConfig market = source.config();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(market.endTimeMs() - market.startTimeMs()).isEqualTo(30 * 60 * 1000L);
    }

    @Test
    void withoutRunHoursOrAnEventCountTheMarketRunsUntilStopped() {
        EmbeddedMarketSource source = MarketSources.embedded(OrderflowConfig.defaults());
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void marketEventsBoundsEachSymbol() {
        EmbeddedMarketSource source = MarketSources.embedded(
                OrderflowConfig.defaults().with("MARKET_EVENTS", "1000").with("MARKET_SEED", "5"));
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.config().maxEventsPerSymbol()).isEqualTo(1000);
        assertThat(source.config().seed()).isEqualTo(5);
        assertThat(source.config().bookLevels()).isEqualTo(10);
    }

    @Test
    void binanceTakesTheMarketUrlsAndConnectionSettings() {
        OrderflowConfig config = OrderflowConfig.load(new String[] {
            "--source", "binance", "--binance-market", "spot", "--symbols", "BTCUSDT,ETHUSDT",
            "--binance-ws-url", "ws://127.0.0.1:9000", "--binance-rest-url", "http://127.0.0.1:9001",
            "--silence-timeout-sec", "7", "--dedup-lru", "5000", "--book-ticker", "false", "--run-hours", "1"},
                Map.of());
        BinanceSource source = (BinanceSource) MarketSources.fromConfig(config);
        BinanceSourceConfig binance = source.config();
        assertThat(binance.market()).isEqualTo(MarketType.SPOT);
        assertThat(binance.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(binance.wsBaseUrl()).isEqualTo("ws://127.0.0.1:9000");
        assertThat(binance.restBaseUrl()).isEqualTo("http://127.0.0.1:9001");
        assertThat(binance.streams()).containsExactly(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH);
        assertThat(binance.silenceTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(binance.dedupLru()).isEqualTo(5000);
        assertThat(binance.endTimeMs() - System.currentTimeMillis()).isBetween(3_500_000L, 3_600_000L);
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void binanceDefaultsToBinancesOwnUrlsAndChecksTheBookAgainstBookTicker() {
        BinanceSourceConfig binance = MarketSources.binance(OrderflowConfig.defaults(), null, null).config();
        assertThat(binance.wsBaseUrl()).startsWith("wss://");
        assertThat(binance.restBaseUrl()).startsWith("https://");
        assertThat(binance.streams()).contains(StreamKind.BOOK_TICKER);
    }

    @Test
    void replayReadsTheRecordingsAsFastAsItCan() {
        OrderflowConfig config = OrderflowConfig.load(new String[] {"--source", "replay", "--binance-market", "spot",
            "--replay-files", "core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz"}, Map.of());
        ReplaySource source = (ReplaySource) MarketSources.fromConfig(config);
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.config().market()).isEqualTo(MarketType.SPOT);
        assertThat(source.config().paced()).isFalse(); // REPLAY_SPEED=max, the default
    }

    @Test
    void replaySpeedPacesTheRecordingsAtThatManyTimesTheirOwnPace() {
        for (String speed : new String[] {"1", "60", "0.5"}) {
            OrderflowConfig config = OrderflowConfig.load(new String[] {"--source", "replay", "--binance-market", "spot",
                "--replay-files", "core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz",
                "--replay-speed", speed}, Map.of());
            ReplaySource source = (ReplaySource) MarketSources.fromConfig(config);
            assertThat(source.config().paced()).as(speed).isTrue();
            assertThat(source.config().speed()).as(speed).isEqualTo(Double.parseDouble(speed));
        }
        OrderflowConfig max = OrderflowConfig.load(new String[] {"--source", "replay", "--binance-market", "spot",
            "--replay-files", "core/src/test/resources/recordings/hftbacktest-spot/btcusdt_20240808.gz",
            "--replay-speed", "MAX"}, Map.of());
        assertThat(((ReplaySource) MarketSources.fromConfig(max)).config().paced()).isFalse();
    }

    @Test
    void loopbackIsForLocalRunsOnly() {
        OrderflowConfig config = OrderflowConfig.defaults().with("SOURCE", "loopback");
        assertThatThrownBy(() -> MarketSources.fromConfig(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("LoopbackExchangeMain");
    }
}
