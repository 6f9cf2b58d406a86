package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.core.exchange.binance.MalformedMessageException;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import io.orderflow.core.exchange.binance.wire.StreamName;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a WebSocket URL asks for: {@code /stream?streams=a/b} (combined, each message wrapped as
 * {@code {"stream":..,"data":..}}) or {@code /ws/a/b} (raw, bare data), both optionally without
 * streams to {@code SUBSCRIBE} later. USD-M puts {@code /market} or {@code /public} in front.
 *
 * @param route the route the path is on; empty on a USD-M path without one, which like the real
 *     exchange acknowledges subscriptions and then sends nothing (only a silence watchdog notices)
 * @param streams the streams subscribed by the URL itself
 */
record Endpoint(Optional<BinanceRoute> route, boolean combined, List<StreamName> streams) {

    /**
     * @param resource the request's path and query, e.g. {@code /public/stream?streams=btcusdt@depth}
     * @throws IllegalArgumentException if the path or a stream name is not valid for this market
     */
    static Endpoint parse(String resource, MarketType market, Set<String> symbols) {
        int queryAt = resource.indexOf('?');
        String path = queryAt < 0 ? resource : resource.substring(0, queryAt);
        String query = queryAt < 0 ? "" : resource.substring(queryAt + 1);

        Optional<BinanceRoute> route = BinanceRoute.ofPath(market, path);
        path = path.substring(route.map(BinanceRoute::pathPrefix).orElse("").length());

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
        List<StreamName> streams = new ArrayList<>();
        for (String name : names) {
            streams.add(stream(name, market, symbols));
        }
        return new Endpoint(route, combined, streams);
    }

    /**
     * A stream this exchange serves: any name Binance's grammar gives a consumed kind (every update
     * speed), for one of its symbols. Anything else is refused, so that a typo in a test fails loudly
     * instead of subscribing to nothing.
     *
     * @throws IllegalArgumentException otherwise
     */
    static StreamName stream(String name, MarketType market, Set<String> symbols) {
        StreamName stream;
        try {
            stream = StreamName.parse(name);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("invalid stream name '" + name + "': " + e.getMessage());
        }
        if (!market.offers(stream.kind())) {
            throw new IllegalArgumentException("invalid stream name '" + name + "': no such stream on " + market);
        }
        if (!symbols.contains(stream.symbol())) {
            throw new IllegalArgumentException("unknown symbol in stream name '" + name + "'");
        }
        return stream;
    }

    /** Whether this connection's route lets streams of {@code kind} through. */
    boolean delivers(StreamKind kind) {
        return route.isPresent() && route.get().serves(kind);
    }

    private static List<String> split(String streams) {
        return List.of(streams.split("/")).stream().filter(s -> !s.isEmpty()).toList();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
