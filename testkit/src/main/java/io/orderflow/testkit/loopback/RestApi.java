package io.orderflow.testkit.loopback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orderflow.core.exchange.binance.MarketType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange's REST side: {@code GET depth} (the snapshot to sync a book from) and
 * {@code GET aggTrades} (the back-fill after a disconnect), on the market's paths ({@code /api/v3}
 * spot, {@code /fapi/v1} USD-M, {@code /dapi/v1} coin-M), with Binance's error bodies for bad
 * parameters.
 */
final class RestApi {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    private static final int DEFAULT_SPOT_DEPTH = 100;
    private static final int DEFAULT_FUTURES_DEPTH = 500;
    private static final int MAX_DEPTH = 5_000;
    private static final int DEFAULT_TRADES = 500;
    private static final int MAX_TRADES = 1_000;

    /** A request Binance would refuse, with its HTTP status and error body. */
    private static final class Rejection extends Exception {
        private final int status;
        private final int code;

        Rejection(int status, int code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private final String depthPath;
    private final String aggTradesPath;
    private final int defaultDepth;
    private final Map<String, SymbolMarket> markets;
    private final LongSupplier simTimeMs;
    private final InetSocketAddress address;
    private volatile HttpServer server;

    /** @param simTimeMs the market clock, which stamps a futures snapshot's {@code E} */
    RestApi(InetSocketAddress address, MarketType market, Map<String, SymbolMarket> markets, LongSupplier simTimeMs) {
        this.address = address;
        this.depthPath = market.depthPath();
        this.aggTradesPath = market.aggTradesPath();
        this.defaultDepth = market == MarketType.SPOT ? DEFAULT_SPOT_DEPTH : DEFAULT_FUTURES_DEPTH;
        this.markets = markets;
        this.simTimeMs = simTimeMs;
    }

    /** Binds and serves on the server's own dispatcher thread: requests are short and few. */
    void open() {
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the REST server to " + address, e);
        }
        server.createContext("/", this::handle);
        server.start();
        LOG.info("REST server listening on port {}", port());
    }

    /** The bound port, once open. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving, if it ever started. */
    void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            try {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                String body;
                if (!exchange.getRequestMethod().equals("GET")) {
                    throw new Rejection(405, -1, "Method not allowed.");
                } else if (path.equals(depthPath)) {
                    body = market(query).snapshot(limit(query, defaultDepth, MAX_DEPTH), simTimeMs.getAsLong());
                } else if (path.equals(aggTradesPath)) {
                    SymbolMarket market = market(query);
                    body = market.aggTrades(fromId(query), limit(query, DEFAULT_TRADES, MAX_TRADES));
                } else {
                    throw new Rejection(404, -1, "Not found.");
                }
                respond(exchange, 200, body);
            } catch (Rejection e) {
                LOG.info("REST {} refused: {}", exchange.getRequestURI(), e.getMessage());
                respond(exchange, e.status, "{\"code\":" + e.code + ",\"msg\":\"" + e.getMessage() + "\"}");
            }
        }
    }

    private SymbolMarket market(Map<String, String> query) throws Rejection {
        String symbol = query.get("symbol");
        if (symbol == null || symbol.isEmpty()) {
            throw new Rejection(400, -1102,
                    "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        }
        SymbolMarket market = markets.get(symbol);
        if (market == null) {
            throw new Rejection(400, -1121, "Invalid symbol.");
        }
        return market;
    }

    private static int limit(Map<String, String> query, int defaultLimit, int maxLimit) throws Rejection {
        Long limit = number(query, "limit");
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > maxLimit) {
            throw new Rejection(400, -1130, "Data sent for parameter 'limit' is not valid.");
        }
        return limit.intValue();
    }

    private static Long fromId(Map<String, String> query) throws Rejection {
        return number(query, "fromId");
    }

    private static Long number(Map<String, String> query, String name) throws Rejection {
        String text = query.get(name);
        if (text == null) {
            return null;
        }
        if (!text.matches("[0-9]{1,18}")) {
            throw new Rejection(400, -1100,
                    "Illegal characters found in parameter '" + name + "'; legal range is '^[0-9]{1,20}$'.");
        }
        return Long.parseLong(text);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String parameter : rawQuery.split("&")) {
                int equals = parameter.indexOf('=');
                if (equals > 0) {
                    query.put(decode(parameter.substring(0, equals)), decode(parameter.substring(equals + 1)));
                }
            }
        }
        return query;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
