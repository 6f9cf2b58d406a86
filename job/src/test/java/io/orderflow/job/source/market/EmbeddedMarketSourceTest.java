package io.orderflow.job.source.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

class EmbeddedMarketSourceTest {

    private static final long START_MS = 1_700_000_000_000L;

    @Test
    void boundedOnlyWithAnEventLimitOrAnEndTime() {
        assertThat(market().build().getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(market().maxEventsPerSymbol(10).build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(market().endTimeMs(START_MS + 1).build().getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void oneSplitPerSymbolFromTheStart() {
        EmbeddedMarketSource source = market().seed(9).build();

        assertThat(source.initialSplits()).containsExactly(
                new MarketSplit("BTCUSDT", 9, START_MS, 0),
                new MarketSplit("ETHUSDT", 9, START_MS, 0));
    }

    @Test
    void startTimeDefaultsToTheWallClockAtBuildTime() {
        long before = System.currentTimeMillis();
        EmbeddedMarketSource source = EmbeddedMarketSource.builder().symbols(List.of("BTCUSDT")).build();
        long after = System.currentTimeMillis();

        assertThat(source.config().startTimeMs()).isBetween(before, after);
        assertThat(source.config().bookLevels()).isEqualTo(10);
        assertThat(source.config().paced()).isFalse();
    }

    @Test
    void sanityCheckSaysWhatIsWrong() {
        assertRejected(EmbeddedMarketSource.builder(), "at least one symbol");
        assertRejected(market().symbols(List.of("BTCUSDT", "BTCUSDT")), "distinct");
        assertRejected(market().symbols(List.of(" ")), "blank");
        assertRejected(market().eventsPerSecondPerSymbol(0), "eventsPerSecondPerSymbol");
        assertRejected(market().eventsPerSecondPerSymbol(Double.NaN), "eventsPerSecondPerSymbol");
        assertRejected(market().bookLevels(0), "bookLevels");
        assertRejected(market().maxEventsPerSymbol(-1), "maxEventsPerSymbol");
        assertRejected(market().paced(true).speed(0), "speed");
        assertRejected(market().endTimeMs(START_MS), "endTimeMs");
    }

    private static void assertRejected(EmbeddedMarketSourceBuilder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static EmbeddedMarketSourceBuilder market() {
        return EmbeddedMarketSource.builder().symbols(List.of("BTCUSDT", "ETHUSDT")).startTimeMs(START_MS);
    }
}
