package io.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.config.OrderflowConfig;
import io.orderflow.source.EmbeddedMarketConfig;
import io.orderflow.source.EmbeddedMarketSource;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.Test;

/** How the production wiring turns the configuration into a source. */
class OrderflowJobTest {

    @Test
    void runHoursEndsTheMarketThatLongAfterItsStart() {
        EmbeddedMarketSource source = OrderflowJob.embeddedMarket(OrderflowConfig.defaults().with("RUN_HOURS", "0.5"));
        EmbeddedMarketConfig market = source.config();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(market.endTimeMs() - market.startTimeMs()).isEqualTo(30 * 60 * 1000L);
    }

    @Test
    void withoutRunHoursOrAnEventCountTheMarketRunsUntilStopped() {
        EmbeddedMarketSource source = OrderflowJob.embeddedMarket(OrderflowConfig.defaults());
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void marketEventsBoundsEachSymbol() {
        EmbeddedMarketSource source = OrderflowJob.embeddedMarket(
                OrderflowConfig.defaults().with("MARKET_EVENTS", "1000").with("MARKET_SEED", "5"));
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.config().maxEventsPerSymbol()).isEqualTo(1000);
        assertThat(source.config().seed()).isEqualTo(5);
        assertThat(source.config().bookLevels()).isEqualTo(10);
    }
}
