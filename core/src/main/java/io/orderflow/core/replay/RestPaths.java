package io.orderflow.core.replay;

import io.orderflow.core.replay.RecordedMessage.Kind;
import java.util.Locale;

/** What a recorded REST request URL or path (query string included) says about its response. */
final class RestPaths {

    private RestPaths() {}

    /** What a request answers with: a depth snapshot, an aggTrades page, or something replay does not use. */
    static Kind kind(String path) {
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        if (bare.endsWith("/depth")) {
            return Kind.DEPTH_SNAPSHOT;
        }
        return bare.endsWith("/aggTrades") ? Kind.AGG_TRADES : Kind.OTHER_REST;
    }

    /** The {@code symbol} query parameter, upper case, or null if there is none. */
    static String symbol(String path) {
        String symbol = parameter(path, "symbol");
        return symbol == null ? null : symbol.toUpperCase(Locale.ROOT);
    }

    /** The {@code fromId} query parameter of an aggTrades request, or -1 if there is none. */
    static long fromId(String path) {
        String fromId = parameter(path, "fromId");
        try {
            return fromId == null ? -1 : Long.parseLong(fromId);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String parameter(String path, String name) {
        int query = path.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String parameter : path.substring(query + 1).split("&")) {
            if (parameter.startsWith(name + "=")) {
                return parameter.substring(name.length() + 1);
            }
        }
        return null;
    }
}
