package io.orderflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The rows exactly as the job encodes them (the golden strings of the job's LiveEncoderTest) and as
 * {@code /history} writes committed rows, into records with hand-written expected values.
 */
class RowDecoderTest {

    private final RowDecoder decoder = new RowDecoder();

    private static final String KLINE_COLUMNS = "{\"ts_ms\":1722124800000,\"symbol\":\"BTCUSDT\",\"timeframe\":\"1m\","
            + "\"open\":60001.5,\"high\":60010.0,\"low\":59990.1,\"close\":60005.2,\"volume\":12.5,"
            + "\"quote_volume\":750060.1,\"taker_buy_volume\":6.1,\"trade_count\":310,\"vwap\":60004.8";

    @Test
    void aLiveKlineMessageFormingAndClosed() {
        Kline bar = new Kline(1722124800000L, "BTCUSDT", Timeframe.M1, 60001.5, 60010.0, 59990.1, 60005.2, 12.5,
                750060.1, 6.1, 310, 60004.8, true);
        assertThat(decoder.message("{\"stream\":\"btcusdt@kline_1m\",\"seq\":1042,\"data\":" + KLINE_COLUMNS
                + ",\"closed\":true}}")).isEqualTo(new LiveMessage("btcusdt@kline_1m", 1042, bar));
        LiveMessage forming = decoder.message("{\"stream\":\"btcusdt@kline_1m\",\"seq\":1764655200000001,\"data\":"
                + KLINE_COLUMNS + ",\"closed\":false}}");
        assertThat(forming.seq()).isEqualTo(1764655200000001L);
        assertThat(((Kline) forming.row()).closed()).isFalse();
        assertThat(((Kline) forming.row()).closeTimeMs()).isEqualTo(1722124860000L);
    }

    @Test
    void aHistoryKlineWithoutClosedIsClosed() {
        assertThat(((Kline) decoder.row("btcusdt@kline_1m", KLINE_COLUMNS + "}")).closed()).isTrue();
    }

    @Test
    void everyOtherKind() {
        assertThat(decoder.row("btcusdt@trade", "{\"ts_ms\":1722124800123,\"event_ts_ms\":1722124800120,"
                + "\"symbol\":\"BTCUSDT\",\"price\":60001.5,\"qty\":0.25,\"agg_trade_id\":987654321,\"latency_ms\":17,"
                + "\"recv_rate_tps\":42.5}"))
                .isEqualTo(new Trade(1722124800123L, 1722124800120L, "BTCUSDT", 60001.5, 0.25, 987654321L, 17, 42.5));
        assertThat(decoder.row("ethusdt@ofi", "{\"ts_ms\":2000,\"symbol\":\"ETHUSDT\",\"ofi_value\":0.0,\"ofi_z\":0.0,"
                + "\"scale\":0.0,\"regime\":null,\"ofi_ema\":0.0,\"warmup\":true,\"std_zero\":false,"
                + "\"best_bid\":null,\"best_ask\":null,\"ofi_l1\":0.0}"))
                .isEqualTo(new Ofi(2000L, "ETHUSDT", 0.0, 0.0, 0.0, null, 0.0, true, false, Double.NaN, Double.NaN, 0.0));
        assertThat(decoder.row("btcusd_perp@cvd", "{\"ts_ms\":1722124800123,\"symbol\":\"BTCUSD_PERP\",\"agg_trade_id\":77,"
                + "\"cvd\":12.75,\"delta\":-0.5,\"z_raw\":-1.5,\"z_cvd\":-1.25,\"scale\":0.4,\"sigma_floor\":0.125,"
                + "\"floor_used\":true,\"regime\":\"quiet\"}"))
                .isEqualTo(new Cvd(1722124800123L, "BTCUSD_PERP", 77L, 12.75, -0.5, -1.5, -1.25, 0.4, 0.125, true, "quiet"));
        assertThat(decoder.row("btcusdt@fusion", "{\"ts_ms\":1722124801000,\"symbol\":\"BTCUSDT\",\"score\":0.75,"
                + "\"score_z\":2.5,\"ofi_z\":1.0,\"z_cvd\":0.5,\"ofi_ts_ms\":1722124800900,\"cvd_ts_ms\":1722124800950,"
                + "\"regime\":null,\"warmup\":true}"))
                .isEqualTo(new Fusion(1722124801000L, "BTCUSDT", 0.75, 2.5, 1.0, 0.5, 1722124800900L, 1722124800950L, null, true));
        assertThat(decoder.row("btcusdt@events", "{\"ts_ms\":1722124800000,\"symbol\":\"BTCUSDT\",\"event_type\":\"pivot_high\","
                + "\"meta_json\":\"{\\\"price\\\":60010.0,\\\"note\\\":\\\"a\\\\\\\\b\\\"}\"}"))
                .isEqualTo(new Event(1722124800000L, "BTCUSDT", "pivot_high", "{\"price\":60010.0,\"note\":\"a\\\\b\"}"));
    }

    @Test
    void nonFiniteNumbersAsTheJobAndTheHistoryWriteThem() {
        Fusion live = (Fusion) decoder.row("btcusdt@fusion", "{\"ts_ms\":0,\"symbol\":\"BTCUSDT\",\"score\":null,"
                + "\"score_z\":null,\"ofi_z\":1.0,\"z_cvd\":0.5,\"ofi_ts_ms\":0,\"cvd_ts_ms\":0,\"regime\":\"active\",\"warmup\":false}");
        assertThat(live.score()).isNaN();
        assertThat(live.scoreZ()).isNaN();
        Fusion history = (Fusion) decoder.row("btcusdt@fusion", "{\"ts_ms\":0,\"symbol\":\"BTCUSDT\",\"score\":\"NaN\","
                + "\"score_z\":\"-Infinity\",\"ofi_z\":\"Infinity\",\"z_cvd\":0.5,\"ofi_ts_ms\":0,\"cvd_ts_ms\":0,"
                + "\"regime\":\"active\",\"warmup\":false}");
        assertThat(history.score()).isNaN();
        assertThat(history.scoreZ()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(history.ofiZ()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void unknownFieldsAndOtherOrdersAreRead() {
        Ofi row = (Ofi) decoder.row("btcusdt@ofi", "{\"new_column\":{\"nested\":[1,2,{\"x\":3}]},\"ofi_l1\":-7,"
                + "\"best_ask\":2500.5,\"best_bid\":2500.25,\"std_zero\":true,"
                + "\"warmup\":false,\"ofi_ema\":-0.5,\"regime\":\"active\",\"scale\":2,\"ofi_z\":1.25,\"ofi_value\":-3.5,"
                + "\"symbol\":\"ETHUSDT\",\"ts_ms\":1000,\"another\":null}");
        assertThat(row).isEqualTo(new Ofi(1000L, "ETHUSDT", -3.5, 1.25, 2.0, "active", -0.5, false, true, 2500.25, 2500.5,
                -7.0));
        LiveMessage message = decoder.message("{\"stream\":\"btcusdt@events\",\"seq\":5,\"extra\":[1],\"data\":"
                + "{\"ts_ms\":1,\"symbol\":\"BTCUSDT\",\"event_type\":\"data_gap\",\"meta_json\":\"{}\"}}");
        assertThat(message.row()).isEqualTo(new Event(1L, "BTCUSDT", "data_gap", "{}"));
    }

    @Test
    void aCvdRowFromFilesOlderThanItsTradeIdColumn() {
        Cvd row = (Cvd) decoder.row("btcusdt@cvd", "{\"ts_ms\":5,\"symbol\":\"BTCUSDT\",\"agg_trade_id\":null,\"cvd\":1,"
                + "\"delta\":1,\"z_raw\":0,\"z_cvd\":0,\"scale\":1,\"sigma_floor\":0,\"floor_used\":false,\"regime\":\"normal\"}");
        assertThat(row.aggTradeId()).isEqualTo(Cvd.UNKNOWN_TRADE_ID);
    }

    @Test
    void anOfiRowFromFilesOlderThanItsBestPricesAndLevelOneColumns() {
        String old = "{\"ts_ms\":5,\"symbol\":\"BTCUSDT\",\"ofi_value\":0.5,\"ofi_z\":1,\"scale\":2,\"regime\":\"normal\","
                + "\"ofi_ema\":0.25,\"warmup\":false,\"std_zero\":false";
        Ofi absent = (Ofi) decoder.row("btcusdt@ofi", old + "}");
        assertThat(absent).isEqualTo(new Ofi(5L, "BTCUSDT", 0.5, 1.0, 2.0, "normal", 0.25, false, false, Double.NaN,
                Double.NaN, Double.NaN));
        // /history over older and newer files together: the older files' rows have the columns, null
        assertThat(decoder.row("btcusdt@ofi", old + ",\"best_bid\":null,\"best_ask\":null,\"ofi_l1\":null}"))
                .isEqualTo(absent);
    }

    @Test
    void repeatedStringsAreShared() {
        String json = "{\"ts_ms\":1,\"symbol\":\"BTCUSDT\",\"event_type\":\"data_gap\",\"meta_json\":\"{}\"}";
        Event first = (Event) decoder.row("btcusdt@events", json);
        Event second = (Event) decoder.row("btcusdt@events", json);
        assertThat(second.symbol()).isSameAs(first.symbol());
        assertThat(second.eventType()).isSameAs(first.eventType());
    }

    @Test
    void aMissingOrMistypedFieldIsNamed() {
        assertThatThrownBy(() -> decoder.row("btcusdt@kline_1m", KLINE_COLUMNS.replace(",\"close\":60005.2", "") + "}"))
                .isInstanceOf(RowFormatException.class)
                .hasMessage("a klines row: field 'close' is missing")
                .extracting(e -> ((RowFormatException) e).field()).isEqualTo("close");
        assertThatThrownBy(() -> decoder.row("btcusdt@kline_1m", KLINE_COLUMNS.replace("60005.2", "\"x\"") + "}"))
                .hasMessage("a klines row: field 'close' must be a number, not a string");
        assertThatThrownBy(() -> decoder.row("btcusdt@kline_1m", KLINE_COLUMNS.replace("\"1m\"", "\"2m\"") + "}"))
                .hasMessage("a klines row: field 'timeframe' must be 1m, 5m or 1h, not a string");
        assertThatThrownBy(() -> decoder.row("btcusdt@kline_1m", KLINE_COLUMNS.replace("310", "310.5") + "}"))
                .hasMessage("a klines row: field 'trade_count' must be a whole number, not a fraction");
        assertThatThrownBy(() -> decoder.row("btcusdt@kline_1m", KLINE_COLUMNS.replace("1722124800000", "null") + "}"))
                .hasMessage("a klines row: field 'ts_ms' must be a whole number, not null");
        assertThatThrownBy(() -> decoder.row("btcusdt@kline_1m", KLINE_COLUMNS.replace("\"BTCUSDT\"", "[\"BTCUSDT\"]") + "}"))
                .hasMessage("a klines row: field 'symbol' must be a string, not an array");
        assertThatThrownBy(() -> decoder.row("btcusdt@kline_1m", KLINE_COLUMNS + ",\"closed\":\"yes\"}"))
                .hasMessage("a klines row: field 'closed' must be true or false, not a string");
        assertThatThrownBy(() -> decoder.row("btcusdt@trade", "[1]")).hasMessage("a prices row must be a JSON object");
        assertThatThrownBy(() -> decoder.row("btcusdt@trade", "{\"ts_ms\":")).isInstanceOf(RowFormatException.class)
                .hasMessageStartingWith("a prices row is not JSON");
    }

    @Test
    void aBadMessageIsNamed() {
        String data = "{\"ts_ms\":1,\"symbol\":\"BTCUSDT\",\"event_type\":\"data_gap\",\"meta_json\":\"{}\"}";
        assertThatThrownBy(() -> decoder.message("{\"seq\":5,\"data\":" + data + "}"))
                .hasMessage("a live message: field 'data' comes before the stream");
        assertThatThrownBy(() -> decoder.message("{\"stream\":\"btcusdt@events\",\"data\":" + data + "}"))
                .hasMessage("a live message: field 'seq' is missing");
        assertThatThrownBy(() -> decoder.message("{\"stream\":\"btcusdt@depth\",\"seq\":1,\"data\":" + data + "}"))
                .hasMessage("a live message: field 'stream' has an unknown kind: 'btcusdt@depth'");
        assertThatThrownBy(() -> decoder.message("{\"stream\":\"btcusdt@events\",\"seq\":1.5,\"data\":" + data + "}"))
                .hasMessage("a live message: field 'seq' must be a whole number, not a fraction");
        assertThatThrownBy(() -> decoder.message("{\"stream\":\"btcusdt@events\",\"seq\":1,\"data\":{\"ts_ms\":1}}"))
                .hasMessage("a events row: field 'symbol' is missing");
        assertThatThrownBy(() -> decoder.message("{\"hello\":\"orderflow\",\"version\":\"0.1.0\",\"time_ms\":1}"))
                .hasMessage("a live message: field 'stream' is missing");
    }
}
