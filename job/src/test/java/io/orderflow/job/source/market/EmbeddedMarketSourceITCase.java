package io.orderflow.job.source.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.MarketWatermarks;
import io.orderflow.job.source.ReferenceMarket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedMarketSourceITCase {

    private static final int PARALLELISM = 2;
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    private static final int EVENTS_PER_SYMBOL = 3_000;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(PARALLELISM)
                    .build());

    @Test
    void boundedJobEmitsEachSymbolsMarketInOrder() throws Exception {
        EmbeddedMarketSource source = market().build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);

        List<MarketEvent> collected = env.fromSource(source, MarketWatermarks.create(), "embedded-market")
                .executeAndCollect(10 * EVENTS_PER_SYMBOL);

        assertThat(collected).hasSize(SYMBOLS.size() * EVENTS_PER_SYMBOL);
        assertExactlyTheReferenceMarkets(source, collected);
    }

    /**
     * A task fails midway, after checkpoints: the restored readers fast-forward their splits and the
     * job's output (collected exactly-once) is still each symbol's uninterrupted market.
     */
    @Test
    void failoverContinuesEachMarketExactly() throws Exception {
        // Paced 30x: 3000 events at 50/s is 60 s of sim time, 2 s of wall time, room for checkpoints.
        EmbeddedMarketSource source = market().paced(true).speed(30).build();
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);

        List<MarketEvent> collected = env.fromSource(source, MarketWatermarks.create(), "embedded-market")
                .map(new FailOnce(SYMBOLS.size() * EVENTS_PER_SYMBOL / 2))
                .executeAndCollect(10 * EVENTS_PER_SYMBOL);

        assertThat(FailOnce.FAILED).isTrue();
        assertExactlyTheReferenceMarkets(source, collected);
    }

    private static EmbeddedMarketSourceBuilder market() {
        return EmbeddedMarketSource.builder()
                .symbols(SYMBOLS)
                .seed(3)
                .startTimeMs(1_700_000_000_000L)
                .maxEventsPerSymbol(EVENTS_PER_SYMBOL);
    }

    private static void assertExactlyTheReferenceMarkets(
            EmbeddedMarketSource source, List<MarketEvent> collected) {
        Map<String, List<MarketEvent>> bySymbol = ReferenceMarket.bySymbol(collected);
        assertThat(bySymbol).containsOnlyKeys(SYMBOLS);
        for (String symbol : SYMBOLS) {
            assertThat(bySymbol.get(symbol))
                    .as(symbol)
                    .isEqualTo(ReferenceMarket.events(source.config(), symbol, EVENTS_PER_SYMBOL));
        }
    }

    /** Throws once, on the n-th event seen by any subtask (the MiniCluster shares this JVM). */
    private static final class FailOnce implements MapFunction<MarketEvent, MarketEvent> {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private static final AtomicInteger SEEN = new AtomicInteger();
        private final int failAt;

        FailOnce(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public MarketEvent map(MarketEvent event) {
            if (SEEN.incrementAndGet() == failAt && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("planned failure after " + failAt + " events");
            }
            return event;
        }
    }
}
