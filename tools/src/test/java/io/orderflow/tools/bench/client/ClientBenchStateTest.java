package io.orderflow.tools.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.client.BarCache;
import io.orderflow.client.Bars;
import io.orderflow.client.Fusion;
import io.orderflow.client.Kline;
import io.orderflow.client.LiveMessage;
import io.orderflow.client.Ofi;
import io.orderflow.client.RowDecoder;
import io.orderflow.client.Timeframe;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' state measures what they say, without running JMH: the bars call is a cache hit
 * returning 1,000 closed bars, and every message decodes to the row its text holds.
 */
class ClientBenchStateTest {

    @Test
    void theBarsCallIsAHitOfAThousandClosedBars() {
        Bars bars = BarsBench.filledBars();
        BarsBench bench = new BarsBench();
        bench.setUp();

        List<Kline> last = bars.bars(BarsBench.SYMBOL, Timeframe.M1, BarsBench.COUNT);
        assertThat(last).hasSize(1_000).allMatch(Kline::closed);
        assertThat(last.get(0).tsMs()).isEqualTo(BarsBench.FIRST_MS);
        assertThat(last.get(999).closeTimeMs()).isEqualTo(BarsBench.FORMING_MS);
        assertThat(bars.cache().size(BarsBench.SYMBOL, Timeframe.M1)).isEqualTo(1_001); // the forming bar too
        assertThat(bars.cache().stats().misses()).isZero();

        assertThat(bench.bars()).isEqualTo(last);
        assertThat(bench.barsAndMeanClose()).isCloseTo(last.stream().mapToDouble(Kline::close).average().orElseThrow(), within(1e-6));
        bench.noMiss();
    }

    @Test
    void everyMessageDecodesToItsRowAsJacksonReadsIt() throws Exception {
        RowDecoder decoder = new RowDecoder();
        ObjectMapper mapper = new ObjectMapper();
        for (String text : DecodeBench.klineMessages()) {
            LiveMessage message = decoder.message(text);
            JsonNode tree = mapper.readTree(text);
            JsonNode data = tree.get("data");
            assertThat(message.stream()).isEqualTo("btcusdt@kline_1m");
            assertThat(message.seq()).isEqualTo(tree.get("seq").asLong());
            assertThat(message.row()).isEqualTo(new Kline(data.get("ts_ms").asLong(), "BTCUSDT", Timeframe.M1,
                    data.get("open").asDouble(), data.get("high").asDouble(), data.get("low").asDouble(),
                    data.get("close").asDouble(), data.get("volume").asDouble(), data.get("quote_volume").asDouble(),
                    data.get("taker_buy_volume").asDouble(), data.get("trade_count").asLong(), data.get("vwap").asDouble(),
                    data.get("closed").asBoolean()));
        }
        for (String text : DecodeBench.fusionMessages()) {
            JsonNode data = mapper.readTree(text).get("data");
            assertThat(decoder.message(text).row()).isEqualTo(new Fusion(data.get("ts_ms").asLong(), "BTCUSDT",
                    data.get("score").asDouble(), data.get("score_z").asDouble(), data.get("ofi_z").asDouble(),
                    data.get("z_cvd").asDouble(), data.get("ofi_ts_ms").asLong(), data.get("cvd_ts_ms").asLong(),
                    data.get("regime").asText(), false));
        }
        for (String text : DecodeBench.ofiMessages()) {
            JsonNode data = mapper.readTree(text).get("data");
            assertThat(decoder.message(text).row()).isEqualTo(new Ofi(data.get("ts_ms").asLong(), "ETHUSDT",
                    data.get("ofi_value").asDouble(), data.get("ofi_z").asDouble(), data.get("scale").asDouble(),
                    data.get("regime").asText(), data.get("ofi_ema").asDouble(), false, false,
                    data.get("best_bid").asDouble(), data.get("best_ask").asDouble(), data.get("ofi_l1").asDouble()));
        }
        DecodeBench bench = new DecodeBench();
        assertThat(bench.klineDecoder().row()).isInstanceOf(Kline.class);
        assertThat(bench.fusionDecoder().row()).isInstanceOf(Fusion.class);
        assertThat(bench.ofiDecoder().row()).isInstanceOf(Ofi.class);
        assertThat(bench.klineReadTree().get("data").size()).isEqualTo(13);
    }
}
