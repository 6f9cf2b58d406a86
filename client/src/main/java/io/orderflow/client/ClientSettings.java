package io.orderflow.client;

import java.net.URI;
import java.time.Duration;

/**
 * The client's settings.
 *
 * @param endpoint the server's WebSocket, {@code ws://host:port/ws/stream}
 * @param historyUrl where {@code /history} and {@code /incremental} are served; null: derived from the
 *     endpoint ({@code ws://host:port/...} gives {@code http://host:port}, {@code wss} gives {@code https})
 * @param barsPerKey bars the cache holds per symbol and timeframe
 * @param historyPageLimit rows asked for per {@code /history} page (the server allows 1 to 100,000)
 * @param requestTimeout how long an HTTP request may take, connecting included
 * @param maxLookback how far before its end a count of bars is looked for in history: a symbol with
 *     fewer bars than asked returns what this span holds
 * @param settleTime how long after a bar's close history is taken as final for it: the job emits a
 *     closed bar once its watermark (200 ms behind) passes, so a fetch reaching closer to the present
 *     is used but not remembered as complete
 */
public record ClientSettings(
        URI endpoint,
        URI historyUrl,
        int barsPerKey,
        int historyPageLimit,
        Duration requestTimeout,
        Duration maxLookback,
        Duration settleTime) {

    public ClientSettings {
        if (endpoint == null) {
            throw new IllegalArgumentException("the endpoint must be set");
        }
        if (historyUrl == null) {
            historyUrl = historyUrlOf(endpoint);
        }
        if (barsPerKey < 1) {
            throw new IllegalArgumentException("bars per key must be positive, got " + barsPerKey);
        }
        if (historyPageLimit < 1 || historyPageLimit > 100_000) {
            throw new IllegalArgumentException("the history page limit must be between 1 and 100000, got " + historyPageLimit);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || maxLookback.isNegative() || maxLookback.isZero()
                || settleTime.isNegative()) {
            throw new IllegalArgumentException("the request timeout and the look-back must be positive, the settle time not negative");
        }
    }

    public static ClientSettings defaults() {
        return new ClientSettings(URI.create("ws://127.0.0.1:8000/ws/stream"), null, BarCache.DEFAULT_BARS_PER_KEY,
                10_000, Duration.ofSeconds(30), Duration.ofDays(366), Duration.ofSeconds(5));
    }

    /** Another endpoint, the history URL derived from it. */
    public ClientSettings withEndpoint(URI newEndpoint) {
        return new ClientSettings(newEndpoint, null, barsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime);
    }

    public ClientSettings withHistoryUrl(URI newHistoryUrl) {
        return new ClientSettings(endpoint, newHistoryUrl, barsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime);
    }

    public ClientSettings withBarsPerKey(int newBarsPerKey) {
        return new ClientSettings(endpoint, historyUrl, newBarsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime);
    }

    public ClientSettings withHistoryPageLimit(int newLimit) {
        return new ClientSettings(endpoint, historyUrl, barsPerKey, newLimit, requestTimeout, maxLookback, settleTime);
    }

    /** {@code ws://host:port/ws/stream} → {@code http://host:port}; {@code wss} → {@code https}. */
    static URI historyUrlOf(URI endpoint) {
        String scheme = switch (String.valueOf(endpoint.getScheme())) {
            case "ws" -> "http";
            case "wss" -> "https";
            default -> throw new IllegalArgumentException("the endpoint must be a ws:// or wss:// URL, not '" + endpoint + "'");
        };
        return URI.create(scheme + "://" + endpoint.getRawAuthority());
    }
}
