package io.orderflow.job.signal;

import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.MetaJson;
import io.orderflow.core.signal.CoolDown;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per symbol, a {@code score_extreme} event for a fusion tick past warm-up with
 * {@code |score_z| ≥ threshold}, at most one per cool-down.
 */
public class ScoreExtremeFunction extends KeyedProcessFunction<String, FusionRow, MarketNotice> {

    private final double scoreZThreshold;
    private final long coolDownMs;

    private transient ValueState<CoolDown> coolDown;

    public ScoreExtremeFunction(double scoreZThreshold, int coolDownSec) {
        if (!(scoreZThreshold > 0) || coolDownSec < 0) {
            throw new IllegalArgumentException(
                    "bad score extreme threshold: score_z " + scoreZThreshold + ", cool-down " + coolDownSec + " s");
        }
        this.scoreZThreshold = scoreZThreshold;
        this.coolDownMs = coolDownSec * 1000L;
    }

    @Override
    public void open(OpenContext openContext) {
        coolDown = getRuntimeContext().getState(new ValueStateDescriptor<>("score-extreme-cool-down", CoolDown.class));
    }

    @Override
    public void processElement(FusionRow tick, Context ctx, Collector<MarketNotice> out) throws Exception {
        if (tick.warmup() || Math.abs(tick.scoreZ()) < scoreZThreshold) {
            return;
        }
        CoolDown episode = coolDown.value();
        if (episode == null) {
            episode = new CoolDown();
        }
        if (episode.tryFire(tick.tsMs(), coolDownMs)) {
            out.collect(new MarketNotice(tick.symbol(), tick.tsMs(), MarketNotice.SCORE_EXTREME,
                    MetaJson.of(tick.symbol())
                            .put("side", tick.scoreZ() > 0 ? "buy" : "sell")
                            .put("score_z", tick.scoreZ())
                            .put("score", tick.score())
                            .put("ofi_z", tick.ofiZ())
                            .put("z_cvd", tick.zCvd())
                            .put("regime", tick.regime())
                            .put("threshold", scoreZThreshold)
                            .put("suppressed_before", episode.takeSuppressed())
                            .toString()));
        }
        coolDown.update(episode);
    }
}
