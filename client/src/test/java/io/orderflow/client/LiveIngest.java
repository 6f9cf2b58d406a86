package io.orderflow.client;

import io.orderflow.testkit.WsRecorder;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;

/**
 * The job's side of the live protocol for tests: rows encoded as the job encodes them
 * (docs/live-protocol.md), sent in one frame of NDJSON to a server's {@code /ingest}.
 */
final class LiveIngest implements AutoCloseable {

    private final WsRecorder socket;

    private LiveIngest(WsRecorder socket) {
        this.socket = socket;
    }

    static LiveIngest connect(HttpClient http, int port) throws Exception {
        return new LiveIngest(WsRecorder.connect(http, "ws://127.0.0.1:" + port + "/ingest", true));
    }

    void send(List<String> messages) throws Exception {
        socket.send(String.join("\n", messages));
    }

    @Override
    public void close() {
        socket.close();
    }

    static String kline(long seq, Kline bar) {
        String data = String.format(Locale.ROOT, "{\"ts_ms\":%d,\"symbol\":\"%s\",\"timeframe\":\"%s\",\"open\":%s,\"high\":%s,"
                + "\"low\":%s,\"close\":%s,\"volume\":%s,\"quote_volume\":%s,\"taker_buy_volume\":%s,\"trade_count\":%d,"
                + "\"vwap\":%s,\"closed\":%s}", bar.tsMs(), bar.symbol(), bar.timeframe().label(), bar.open(), bar.high(),
                bar.low(), bar.close(), bar.volume(), bar.quoteVolume(), bar.takerBuyVolume(), bar.tradeCount(), bar.vwap(),
                bar.closed());
        return message(Signal.klineStream(bar.symbol(), bar.timeframe()), seq, data);
    }

    static String trade(long seq, Trade trade) {
        String data = String.format(Locale.ROOT, "{\"ts_ms\":%d,\"event_ts_ms\":%d,\"symbol\":\"%s\",\"price\":%s,\"qty\":%s,"
                + "\"agg_trade_id\":%d,\"latency_ms\":%d,\"recv_rate_tps\":%s}", trade.tsMs(), trade.eventTsMs(),
                trade.symbol(), trade.price(), trade.qty(), trade.aggTradeId(), trade.latencyMs(), trade.recvRateTps());
        return message(Signal.TRADE.stream(trade.symbol()), seq, data);
    }

    private static String message(String stream, long seq, String data) {
        return "{\"stream\":\"" + stream + "\",\"seq\":" + seq + ",\"data\":" + data + "}";
    }
}
