package io.orderflow.job.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.MarketEvent;
import io.orderflow.job.source.MarketWatermarks;
import io.orderflow.job.source.ReferenceMarket;
import io.orderflow.job.testing.TestEnvironments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReplaySourceITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestEnvironments.miniCluster();

    /** Two recordings over two readers: each split's events arrive as a plain replay gives them. */
    @Test
    void jobEmitsEachRecordingAsReplayedDirectly() throws Exception {
        ReplaySource source = ReplayFixtures.spot(
                "hftbacktest-spot/btcusdt_20240808.gz", "hftbacktest-spot/ethusdt_20240808.gz");
        Map<String, List<MarketEvent>> expected = ReplayFixtures.replayedDirectly(source);
        StreamExecutionEnvironment env = TestEnvironments.create();

        List<MarketEvent> collected = new ArrayList<>();
        try (CloseableIterator<MarketEvent> events =
                env.fromSource(source, MarketWatermarks.create(), "replay").executeAndCollect()) {
            events.forEachRemaining(collected::add);
        }

        assertThat(expected).containsOnlyKeys("BTCUSDT", "ETHUSDT");
        assertThat(ReferenceMarket.bySymbol(collected)).isEqualTo(expected);
    }
}
