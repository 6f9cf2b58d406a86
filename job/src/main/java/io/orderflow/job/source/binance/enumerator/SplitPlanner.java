package io.orderflow.job.source.binance.enumerator;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.job.source.binance.BinanceSourceConfig;
import io.orderflow.job.source.binance.split.BinanceSplit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Packs every symbol's streams into connections: per route, symbols in the configured order, as
 * many per connection as {@code maxStreamsPerConnection} allows. A symbol's streams on one route
 * stay on one connection, so its book and its {@code @bookTicker} arrive in one ordered feed.
 */
public final class SplitPlanner {

    private SplitPlanner() {}

    public static List<BinanceSplit> plan(BinanceSourceConfig config) {
        Map<BinanceRoute, List<List<String>>> connections = new EnumMap<>(BinanceRoute.class);
        for (String symbol : config.symbols()) {
            Map<BinanceRoute, List<String>> symbolStreams = new EnumMap<>(BinanceRoute.class);
            for (StreamKind kind : config.streams()) {
                symbolStreams.computeIfAbsent(BinanceRoute.of(config.market(), kind), r -> new ArrayList<>())
                        .add(kind.streamName(symbol, config.bookLevels()));
            }
            symbolStreams.forEach((route, streams) -> {
                List<List<String>> routeConnections = connections.computeIfAbsent(route, r -> new ArrayList<>());
                List<String> last = routeConnections.isEmpty() ? null : routeConnections.get(routeConnections.size() - 1);
                if (last == null || last.size() + streams.size() > config.maxStreamsPerConnection()) {
                    last = new ArrayList<>();
                    routeConnections.add(last);
                }
                last.addAll(streams);
            });
        }
        List<BinanceSplit> splits = new ArrayList<>();
        connections.forEach((route, routeConnections) -> {
            for (int i = 0; i < routeConnections.size(); i++) {
                splits.add(BinanceSplit.of(route, i, routeConnections.get(i)));
            }
        });
        return splits;
    }
}
