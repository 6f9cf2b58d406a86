package io.orderflow.exchange.binance.loopback;

import io.orderflow.exchange.binance.MarketType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a WebSocket URL asks for: {@code /stream?streams=a/b} (combined, each message wrapped as
 * {@code {"stream":..,"data":..}}) or {@code /ws/a/b} (raw, bare data), both optionally without
 * streams to {@code SUBSCRIBE} later. USD-M puts {@code /market} or {@code /public} in front.
 *
 * @param streams the streams subscribed by the URL itself
 */
record Endpoint(Route route, boolean combined, List<StreamName> streams) {

    /**
     * @param resource the request's path and query, e.g. {@code /public/stream?streams=btcusdt@depth}
     * @throws IllegalArgumentException if the path or a stream name is not valid for this market
     */
    static Endpoint parse(String resource, MarketType market, Set<String> symbols) {
        int queryAt = resource.indexOf('?');
        String path = queryAt < 0 ? resource : resource.substring(0, queryAt);
        String query = queryAt < 0 ? "" : resource.substring(queryAt + 1);

        Route route = market == MarketType.SPOT ? Route.ANY : Route.NONE;
        if (market == MarketType.USDM && path.startsWith("/market/")) {
            route = Route.MARKET;
            path = path.substring("/market".length());
        } else if (market == MarketType.USDM && path.startsWith("/public/")) {
            route = Route.PUBLIC;
            path = path.substring("/public".length());
        }

        List<String> names = new ArrayList<>();
        boolean combined;
        if (path.equals("/stream")) {
            combined = true;
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("streams=")) {
                    names.addAll(split(decode(parameter.substring("streams=".length()))));
                }
            }
        } else if (path.equals("/ws") || path.startsWith("/ws/")) {
            combined = false;
            names.addAll(split(decode(path.substring("/ws".length()))));
        } else {
            throw new IllegalArgumentException("no such path: " + resource);
        }
        return new Endpoint(route, combined,
                names.stream().map(name -> StreamName.parse(name, symbols)).toList());
    }

    private static List<String> split(String streams) {
        return List.of(streams.split("/")).stream().filter(s -> !s.isEmpty()).toList();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
