package io.orderflow.job.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.core.model.KlineRow;

/** Rows read back from live messages and the server's answers. */
final class LiveRows {

    private LiveRows() {}

    /** A klines row from its live {@code data} or a {@code /history} row (whose extra fields are ignored). */
    static KlineRow kline(JsonNode d) {
        return new KlineRow(d.get("ts_ms").asLong(), d.get("symbol").asText(), d.get("timeframe").asText(),
                d.get("open").asDouble(), d.get("high").asDouble(), d.get("low").asDouble(), d.get("close").asDouble(),
                d.get("volume").asDouble(), d.get("quote_volume").asDouble(), d.get("taker_buy_volume").asDouble(),
                d.get("trade_count").asLong(), d.get("vwap").asDouble());
    }
}
