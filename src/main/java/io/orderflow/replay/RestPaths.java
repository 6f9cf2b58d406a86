package io.orderflow.replay;

import io.orderflow.replay.RecordedMessage.Kind;
import java.util.Locale;

/** What a recorded REST request URL or path (query string included) says about its response. */
final class RestPaths {

    private RestPaths() {}

    /** A {@code .../depth} request answers with a snapshot; replay uses no other REST response. */
    static Kind kind(String path) {
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        return bare.endsWith("/depth") ? Kind.DEPTH_SNAPSHOT : Kind.OTHER_REST;
    }

    /** The {@code symbol} query parameter, upper case, or null if there is none. */
    static String symbol(String path) {
        int query = path.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String parameter : path.substring(query + 1).split("&")) {
            if (parameter.startsWith("symbol=")) {
                return parameter.substring("symbol=".length()).toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }
}
