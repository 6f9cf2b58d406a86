package io.orderflow.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fusion and event keys: defaults, typed accessors, ranges and the one cross-key rule. */
class FusionEventsConfigTest {

    private static OrderflowConfig load(String... args) {
        return OrderflowConfig.load(args, Map.of());
    }

    @Test
    void defaultsAreTheCalibratedOnes() {
        OrderflowConfig config = OrderflowConfig.defaults();
        assertThat(config.fusionWeightOfi()).isEqualTo(0.5);
        assertThat(config.fusionWeightCvd()).isEqualTo(0.5);
        assertThat(config.fusionWindowSec()).isEqualTo(300);
        assertThat(config.fusionIdleSec()).isEqualTo(10);
        assertThat(config.pivotBars()).isEqualTo(15);
        assertThat(config.divergenceLookbackBars()).isEqualTo(120);
        assertThat(config.scoreZThreshold()).isEqualTo(8.0);
        assertThat(config.spreadBlowoutMult()).isEqualTo(10.0);
        assertThat(config.spreadBlowoutMinBps()).isEqualTo(5.0);
        assertThat(config.dataGapSec()).isEqualTo(5.0);
        assertThat(config.latencySpikeMs()).isEqualTo(500);
        assertThat(config.eventCooldownSec()).isEqualTo(1800);
    }

    @Test
    void flagsSetThemAndChangeTheFingerprint() {
        OrderflowConfig config = load("--fusion-w-ofi", "0.7", "--pivot-bars", "5", "--event-cooldown-sec", "0");
        assertThat(config.fusionWeightOfi()).isEqualTo(0.7);
        assertThat(config.pivotBars()).isEqualTo(5);
        assertThat(config.eventCooldownSec()).isZero();
        assertThat(config.fingerprint()).isNotEqualTo(OrderflowConfig.defaults().fingerprint());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "--fusion-w-cvd             | -0.1  | FUSION_W_CVD=-0.1 is out of range",
        "--fusion-window-sec        | 9     | FUSION_WINDOW_SEC=9 is out of range",
        "--fusion-idle-sec          | 0     | FUSION_IDLE_SEC=0 is out of range",
        "--pivot-bars               | 0     | PIVOT_BARS=0 is out of range",
        "--divergence-lookback-bars | 1     | DIVERGENCE_LOOKBACK_BARS=1 is out of range",
        "--score-z-threshold        | 0     | SCORE_Z_THRESHOLD=0 is out of range",
        "--spread-blowout-mult      | 1     | SPREAD_BLOWOUT_MULT=1 is out of range",
        "--spread-blowout-min-bps   | -1    | SPREAD_BLOWOUT_MIN_BPS=-1 is out of range",
        "--data-gap-sec             | 0     | DATA_GAP_SEC=0 is out of range",
        "--latency-spike-ms         | 0     | LATENCY_SPIKE_MS=0 is out of range",
        "--event-cooldown-sec       | -1    | EVENT_COOLDOWN_SEC=-1 is out of range",
    })
    void outOfRangeValuesAreRejectedNamingTheKey(String flag, String value, String message) {
        assertThatThrownBy(() -> load(flag, value)).isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void bothFusionWeightsZeroIsRejected() {
        assertThatThrownBy(() -> load("--fusion-w-ofi", "0", "--fusion-w-cvd", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FUSION_W_OFI=0")
                .hasMessageContaining("FUSION_W_CVD is 0 too");
        assertThat(load("--fusion-w-ofi", "0").fusionWeightCvd()).isEqualTo(0.5);
    }
}
