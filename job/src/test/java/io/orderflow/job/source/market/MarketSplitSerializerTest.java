package io.orderflow.job.source.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.job.source.split.StaticEnumeratorState;
import io.orderflow.job.source.split.StaticEnumeratorStateSerializer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketSplitSerializerTest {

    private static final MarketSplit BTC = new MarketSplit("BTCUSDT", -7L, 1_700_000_000_123L, 42_000L);
    private static final MarketSplit ETH = new MarketSplit("ETHUSDT", 7L, 1_700_000_000_123L, 0L);

    @Test
    void splitSurvivesARoundTrip() throws IOException {
        MarketSplitSerializer serializer = MarketSplitSerializer.INSTANCE;

        MarketSplit copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(BTC));

        assertThat(copy).isEqualTo(BTC);
        assertThat(copy.splitId()).isEqualTo("BTCUSDT");
    }

    @Test
    void enumeratorStateSurvivesARoundTrip() throws IOException {
        StaticEnumeratorStateSerializer<MarketSplit> serializer =
                new StaticEnumeratorStateSerializer<>(MarketSplitSerializer.INSTANCE);
        StaticEnumeratorState<MarketSplit> state = new StaticEnumeratorState<>(List.of(BTC, ETH));

        byte[] bytes = serializer.serialize(state);
        StaticEnumeratorState<MarketSplit> copy = serializer.deserialize(serializer.getVersion(), bytes);

        assertThat(copy.unassignedSplits()).containsExactly(BTC, ETH);
    }

    @Test
    void emptyEnumeratorStateSurvivesARoundTrip() throws IOException {
        StaticEnumeratorStateSerializer<MarketSplit> serializer =
                new StaticEnumeratorStateSerializer<>(MarketSplitSerializer.INSTANCE);

        byte[] bytes = serializer.serialize(new StaticEnumeratorState<>(List.of()));

        assertThat(serializer.deserialize(serializer.getVersion(), bytes).unassignedSplits()).isEmpty();
    }

    @Test
    void unknownVersionIsRejected() throws IOException {
        byte[] bytes = MarketSplitSerializer.INSTANCE.serialize(BTC);

        assertThatThrownBy(() -> MarketSplitSerializer.INSTANCE.deserialize(99, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("99");
    }
}
