package io.orderflow.job.source.binance.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.job.source.split.StaticEnumeratorState;
import io.orderflow.job.source.split.StaticEnumeratorStateSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceSplitSerializerTest {

    private static final BinanceSplit MARKET = new BinanceSplit(BinanceRoute.USDM_MARKET, 0,
            List.of("btcusdt@aggTrade", "ethusdt@aggTrade"), Map.of("BTCUSDT", 4_000_000_123L, "ETHUSDT", 7L));
    private static final BinanceSplit PUBLIC = BinanceSplit.of(BinanceRoute.USDM_PUBLIC, 3,
            List.of("btcusdt@depth@100ms", "btcusdt@bookTicker"));

    @Test
    void splitSurvivesARoundTrip() throws IOException {
        BinanceSplitSerializer serializer = BinanceSplitSerializer.INSTANCE;

        BinanceSplit copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(MARKET));

        assertThat(copy).isEqualTo(MARKET);
        assertThat(copy.splitId()).isEqualTo("usdm-market-0");
        assertThat(copy.lastTradeIds()).containsEntry("BTCUSDT", 4_000_000_123L).containsEntry("ETHUSDT", 7L);
    }

    @Test
    void enumeratorStateSurvivesARoundTrip() throws IOException {
        var serializer = new StaticEnumeratorStateSerializer<>(BinanceSplitSerializer.INSTANCE);
        var state = new StaticEnumeratorState<>(List.of(MARKET, PUBLIC));

        var copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

        assertThat(copy.unassignedSplits()).containsExactly(MARKET, PUBLIC);
    }

    @Test
    void emptyEnumeratorStateSurvivesARoundTrip() throws IOException {
        var serializer = new StaticEnumeratorStateSerializer<>(BinanceSplitSerializer.INSTANCE);

        byte[] bytes = serializer.serialize(new StaticEnumeratorState<BinanceSplit>(List.of()));

        assertThat(serializer.deserialize(serializer.getVersion(), bytes).unassignedSplits()).isEmpty();
    }

    @Test
    void unknownVersionIsRejected() throws IOException {
        byte[] bytes = BinanceSplitSerializer.INSTANCE.serialize(MARKET);

        assertThatThrownBy(() -> BinanceSplitSerializer.INSTANCE.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void stateCheckpointsTheLastTradeEmittedPerSymbol() {
        BinanceSplitState state = new BinanceSplitState(MARKET);

        state.tradeEmitted("BTCUSDT", 4_000_000_124L);
        state.tradeEmitted("BTCUSDT", 4_000_000_125L);
        state.tradeEmitted("SOLUSDT", 1L);

        assertThat(state.toSplit().lastTradeIds())
                .containsExactlyInAnyOrderEntriesOf(Map.of("BTCUSDT", 4_000_000_125L, "ETHUSDT", 7L, "SOLUSDT", 1L));
        assertThat(state.toSplit().streams()).isEqualTo(MARKET.streams());
    }

    @Test
    void symbolsComeFromTheStreamNames() {
        assertThat(PUBLIC.symbols()).containsExactly("BTCUSDT");
        assertThat(MARKET.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
    }
}
