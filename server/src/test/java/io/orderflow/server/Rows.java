package io.orderflow.server;

/** Hand-made live messages in the job's encoding (docs/live-protocol.md). */
final class Rows {

    private Rows() {}

    static String trade(String symbol, long seq, long tsMs) {
        return "{\"stream\":\"" + symbol + "@trade\",\"seq\":" + seq + ",\"data\":{\"ts_ms\":" + tsMs
                + ",\"symbol\":\"" + symbol.toUpperCase() + "\",\"price\":60000.5,\"qty\":0.01}}";
    }

    static String ofi(String symbol, long seq, long tsMs) {
        return "{\"stream\":\"" + symbol + "@ofi\",\"seq\":" + seq + ",\"data\":{\"ts_ms\":" + tsMs
                + ",\"symbol\":\"" + symbol.toUpperCase() + "\",\"ofi\":1.5}}";
    }

    static String kline(String symbol, long seq, long tsMs, boolean closed) {
        return "{\"stream\":\"" + symbol + "@kline_1m\",\"seq\":" + seq + ",\"data\":{\"ts_ms\":" + tsMs
                + ",\"symbol\":\"" + symbol.toUpperCase() + "\",\"timeframe\":\"1m\",\"open\":1.0,\"close\":2.0,\"closed\":"
                + closed + "}}";
    }

    static LiveMessage message(String text) {
        return MessageReader.read(text, 0);
    }
}
