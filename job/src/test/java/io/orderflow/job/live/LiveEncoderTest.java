package io.orderflow.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.KlineUpdate;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.sink.RowKinds;
import org.junit.jupiter.api.Test;

/** Each kind's live encoding against JSON written by hand from docs/live-protocol.md and the Parquet columns. */
class LiveEncoderTest {

    private static <T> LiveRow encode(LiveEncoder<T> encoder, T row) throws Exception {
        encoder.open(null);
        return encoder.map(row);
    }

    @Test
    void pricesAreTheTradeStream() throws Exception {
        LiveRow row = encode(LiveEncoder.of(RowKinds.PRICES, "trade"),
                new PriceRow(1722124800123L, 1722124800120L, "BTCUSDT", 60001.5, 0.25, 987654321L, 17, 42.5));
        assertThat(row).isEqualTo(new LiveRow("btcusdt@trade",
                "{\"ts_ms\":1722124800123,\"event_ts_ms\":1722124800120,\"symbol\":\"BTCUSDT\",\"price\":60001.5,"
                        + "\"qty\":0.25,\"agg_trade_id\":987654321,\"latency_ms\":17,\"recv_rate_tps\":42.5}"));
    }

    @Test
    void ofiWithAndWithoutARegime() throws Exception {
        LiveEncoder<OfiRow> encoder = LiveEncoder.of(RowKinds.OFI, "ofi");
        encoder.open(null);
        assertThat(encoder.map(new OfiRow(1000L, "ETHUSDT", -3.5, 1.25, 2.0, "active", -0.5, false, true, 2500.25,
                2500.5, -7.0)))
                .isEqualTo(new LiveRow("ethusdt@ofi",
                        "{\"ts_ms\":1000,\"symbol\":\"ETHUSDT\",\"ofi_value\":-3.5,\"ofi_z\":1.25,\"scale\":2.0,"
                                + "\"regime\":\"active\",\"ofi_ema\":-0.5,\"warmup\":false,\"std_zero\":true,"
                                + "\"best_bid\":2500.25,\"best_ask\":2500.5,\"ofi_l1\":-7.0}"));
        // the same generator and buffer for the next row: nothing of the first one is left
        // both sides empty: no best prices, NaN, which JSON writes as null
        assertThat(encoder.map(new OfiRow(2000L, "ETHUSDT", 0.0, 0.0, 0.0, null, 0.0, true, false, Double.NaN,
                Double.NaN, 0.0)).data())
                .isEqualTo("{\"ts_ms\":2000,\"symbol\":\"ETHUSDT\",\"ofi_value\":0.0,\"ofi_z\":0.0,\"scale\":0.0,"
                        + "\"regime\":null,\"ofi_ema\":0.0,\"warmup\":true,\"std_zero\":false,"
                        + "\"best_bid\":null,\"best_ask\":null,\"ofi_l1\":0.0}");
    }

    @Test
    void cvd() throws Exception {
        LiveRow row = encode(LiveEncoder.of(RowKinds.CVD, "cvd"),
                new CvdRow(1722124800123L, "BTCUSD_PERP", 77L, 12.75, -0.5, -1.5, -1.25, 0.4, 0.125, true, "quiet"));
        assertThat(row).isEqualTo(new LiveRow("btcusd_perp@cvd",
                "{\"ts_ms\":1722124800123,\"symbol\":\"BTCUSD_PERP\",\"agg_trade_id\":77,\"cvd\":12.75,\"delta\":-0.5,"
                        + "\"z_raw\":-1.5,\"z_cvd\":-1.25,\"scale\":0.4,\"sigma_floor\":0.125,\"floor_used\":true,"
                        + "\"regime\":\"quiet\"}"));
    }

    @Test
    void klinesAreAStreamPerTimeframeAndSayWhetherTheyClosed() throws Exception {
        KlineRow bar = new KlineRow(1722124800000L, "BTCUSDT", "1m", 60001.5, 60010.0, 59990.1, 60005.2, 12.5,
                750060.1, 6.1, 310, 60004.8);
        LiveEncoder<KlineUpdate> encoder = LiveEncoder.klines();
        encoder.open(null);
        String columns = "{\"ts_ms\":1722124800000,\"symbol\":\"BTCUSDT\",\"timeframe\":\"1m\",\"open\":60001.5,"
                + "\"high\":60010.0,\"low\":59990.1,\"close\":60005.2,\"volume\":12.5,\"quote_volume\":750060.1,"
                + "\"taker_buy_volume\":6.1,\"trade_count\":310,\"vwap\":60004.8";
        assertThat(encoder.map(new KlineUpdate(bar, true)))
                .isEqualTo(new LiveRow("btcusdt@kline_1m", columns + ",\"closed\":true}"));
        assertThat(encoder.map(new KlineUpdate(bar, false)))
                .isEqualTo(new LiveRow("btcusdt@kline_1m", columns + ",\"closed\":false}"));
        KlineRow hour = new KlineRow(0L, "ETHUSDT", "1h", 1, 2, 0.5, 1.5, 3, 4, 1, 2, 1.25);
        assertThat(encoder.map(new KlineUpdate(hour, false)).stream()).isEqualTo("ethusdt@kline_1h");
    }

    @Test
    void fusionWithItsTimesAsNumbers() throws Exception {
        LiveRow row = encode(LiveEncoder.of(RowKinds.FUSION, "fusion"),
                new FusionRow(1722124801000L, "BTCUSDT", 0.75, 2.5, 1.0, 0.5, 1722124800900L, 1722124800950L, null, true));
        assertThat(row).isEqualTo(new LiveRow("btcusdt@fusion",
                "{\"ts_ms\":1722124801000,\"symbol\":\"BTCUSDT\",\"score\":0.75,\"score_z\":2.5,\"ofi_z\":1.0,"
                        + "\"z_cvd\":0.5,\"ofi_ts_ms\":1722124800900,\"cvd_ts_ms\":1722124800950,\"regime\":null,"
                        + "\"warmup\":true}"));
    }

    @Test
    void eventsKeepTheirMetaJsonAsAString() throws Exception {
        LiveRow row = encode(LiveEncoder.of(RowKinds.EVENTS, "events"),
                new MarketNotice("BTCUSDT", 1722124800000L, MarketNotice.PIVOT_HIGH, "{\"price\":60010.0,\"note\":\"a\\\\b\"}"));
        assertThat(row).isEqualTo(new LiveRow("btcusdt@events",
                "{\"ts_ms\":1722124800000,\"symbol\":\"BTCUSDT\",\"event_type\":\"pivot_high\","
                        + "\"meta_json\":\"{\\\"price\\\":60010.0,\\\"note\\\":\\\"a\\\\\\\\b\\\"}\"}"));
    }

    @Test
    void aNumberJsonCannotHoldIsNull() throws Exception {
        LiveRow row = encode(LiveEncoder.of(RowKinds.FUSION, "fusion"),
                new FusionRow(0L, "BTCUSDT", Double.NaN, Double.POSITIVE_INFINITY, 1.0, 0.5, 0L, 0L, "active", false));
        assertThat(row.data()).startsWith("{\"ts_ms\":0,\"symbol\":\"BTCUSDT\",\"score\":null,\"score_z\":null,\"ofi_z\":1.0,");
    }
}
