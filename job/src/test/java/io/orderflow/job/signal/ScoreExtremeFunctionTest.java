package io.orderflow.job.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.MarketNotice;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreExtremeFunctionTest {

    private static final String BTC = "BTCUSDT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FusionRow tick(long t, double scoreZ, boolean warmup) {
        return new FusionRow(t, BTC, scoreZ / 2, scoreZ, 1.0, -0.5, t - 10, t - 20, "active", warmup);
    }

    @Test
    void scoreExtremesPastWarmupOncePerCoolDown() throws Exception {
        // |score_z| ≥ 3, cool-down 60 s
        var h = KeyedHarness.open(() -> new ScoreExtremeFunction(3.0, 60), FusionRow::symbol, null);
        h.processElement(tick(1_000, 9.0, true), 1_000); // warming up: ignored
        h.processElement(tick(2_000, -3.0, false), 2_000); // fires
        h.processElement(tick(3_000, -7.0, false), 3_000); // same episode: suppressed
        h.processElement(tick(4_000, 2.9, false), 4_000); // below threshold: not a trigger
        h.processElement(tick(62_000, 4.0, false), 62_000); // 60 s later: fires again
        List<MarketNotice> events = h.extractOutputValues();
        assertThat(events).extracting(MarketNotice::timeMs).containsExactly(2_000L, 62_000L);
        assertThat(events).extracting(MarketNotice::type).containsOnly(MarketNotice.SCORE_EXTREME);
        JsonNode first = JSON.readTree(events.get(0).metaJson());
        assertThat(first.get("side").asText()).isEqualTo("sell");
        assertThat(first.get("score_z").asDouble()).isEqualTo(-3.0);
        assertThat(first.get("regime").asText()).isEqualTo("active");
        assertThat(first.get("suppressed_before").asLong()).isZero();
        JsonNode second = JSON.readTree(events.get(1).metaJson());
        assertThat(second.get("side").asText()).isEqualTo("buy");
        assertThat(second.get("suppressed_before").asLong()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
