package io.orderflow.job.source.binance.split;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.core.replay.CaptureFormat;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One WebSocket connection: its route, the streams it carries, and, per symbol whose trades it
 * carries, the id of the last trade emitted. A restored reader back-fills from that id on, so no
 * trade is lost or repeated across a restart.
 *
 * @param index the connection's number on its route; with the route it makes the split id
 * @param streams stream names, e.g. {@code btcusdt@aggTrade}
 * @param lastTradeIds last emitted trade id by upper-case symbol; absent until a first trade
 */
public record BinanceSplit(BinanceRoute route, int index, List<String> streams, Map<String, Long> lastTradeIds)
        implements SourceSplit {

    public BinanceSplit {
        streams = List.copyOf(streams);
        lastTradeIds = Collections.unmodifiableMap(new TreeMap<>(lastTradeIds));
    }

    /** A fresh split: nothing emitted yet. */
    public static BinanceSplit of(BinanceRoute route, int index, List<String> streams) {
        return new BinanceSplit(route, index, streams, Map.of());
    }

    /** Stable across restarts: route and position, e.g. {@code usdm-public-0}. */
    @Override
    public String splitId() {
        return route.id() + "-" + index;
    }

    /** The symbols of the streams, upper case, in stream order. */
    public Set<String> symbols() {
        Set<String> symbols = new LinkedHashSet<>();
        for (String stream : streams) {
            symbols.add(CaptureFormat.symbolOf(stream));
        }
        return symbols;
    }

    public BinanceSplit withLastTradeIds(Map<String, Long> ids) {
        return new BinanceSplit(route, index, streams, ids);
    }
}
