package io.orderflow.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client's settings.
 *
 * @param endpoint the server's WebSocket, {@code ws://host:port/ws/stream}
 * @param historyUrl where {@code /history} and {@code /incremental} are served; null: derived from the
 *     endpoint ({@code ws://host:port/...} gives {@code http://host:port}, {@code wss} gives {@code https})
 * @param barsPerKey bars the cache holds per symbol and timeframe
 * @param historyPageLimit rows asked for per {@code /history} page (the server allows 1 to 100,000)
 * @param requestTimeout how long an HTTP request may take, connecting included (the WebSocket's handshake too)
 * @param maxLookback how far before its end a count of bars is looked for in history: a symbol with
 *     fewer bars than asked returns what this span holds
 * @param settleTime how long after a bar's close history is taken as final for it: the job emits a
 *     closed bar once its watermark (200 ms behind) passes, so a fetch reaching closer to the present
 *     is used but not remembered as complete
 * @param symbols the symbols whose bars {@link OrderflowClient} subscribes to from the start, one stream
 *     per symbol and timeframe
 * @param timeframes the timeframes of those bars
 * @param reconnectMinDelay the wait before the first reconnect; each further attempt doubles it
 * @param reconnectMaxDelay the longest wait between attempts
 * @param maxReconnectAttempts failed attempts in a row after which the client gives up and closes;
 *     {@link #UNLIMITED} never gives up
 * @param listenerQueueRows rows waiting for one listener; beyond that its rows are dropped and counted
 */
public record ClientSettings(
        URI endpoint,
        URI historyUrl,
        int barsPerKey,
        int historyPageLimit,
        Duration requestTimeout,
        Duration maxLookback,
        Duration settleTime,
        List<String> symbols,
        List<Timeframe> timeframes,
        Duration reconnectMinDelay,
        Duration reconnectMaxDelay,
        int maxReconnectAttempts,
        int listenerQueueRows) {

    public static final int UNLIMITED = Integer.MAX_VALUE;

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
        symbols = List.copyOf(symbols);
        timeframes = List.copyOf(timeframes);
        if (reconnectMinDelay.isNegative() || reconnectMinDelay.isZero() || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw new IllegalArgumentException("the reconnect delays must be positive, the longest at least the first, got "
                    + reconnectMinDelay + " and " + reconnectMaxDelay);
        }
        if (maxReconnectAttempts < 0 || listenerQueueRows < 1) {
            throw new IllegalArgumentException("reconnect attempts must not be negative and the listener queue positive, got "
                    + maxReconnectAttempts + " and " + listenerQueueRows);
        }
    }

    public static ClientSettings defaults() {
        return new ClientSettings(URI.create("ws://127.0.0.1:8000/ws/stream"), null, BarCache.DEFAULT_BARS_PER_KEY,
                10_000, Duration.ofSeconds(30), Duration.ofDays(366), Duration.ofSeconds(5), List.of(), List.of(),
                Duration.ofMillis(500), Duration.ofSeconds(30), UNLIMITED, 10_000);
    }

    /**
     * The defaults, changed by {@code WEBSOCKET_ENDPOINT}, {@code WEBSOCKET_HISTORY_URL},
     * {@code WEBSOCKET_SYMBOLS} and {@code WEBSOCKET_RESOLUTIONS} (comma-separated, e.g. {@code 1m,1h})
     * where they are set and not blank: pass {@code System.getenv()}.
     */
    public static ClientSettings fromEnvironment(Map<String, String> env) {
        ClientSettings settings = defaults();
        String endpoint = setting(env, "WEBSOCKET_ENDPOINT");
        if (endpoint != null) {
            settings = settings.withEndpoint(URI.create(endpoint));
        }
        String historyUrl = setting(env, "WEBSOCKET_HISTORY_URL");
        if (historyUrl != null) {
            settings = settings.withHistoryUrl(URI.create(historyUrl));
        }
        List<String> symbols = list(env, "WEBSOCKET_SYMBOLS").stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        List<Timeframe> timeframes = list(env, "WEBSOCKET_RESOLUTIONS").stream().map(Timeframe::of).toList();
        return settings.withBars(symbols, timeframes);
    }

    /** Another endpoint, the history URL derived from it. */
    public ClientSettings withEndpoint(URI newEndpoint) {
        return new ClientSettings(newEndpoint, null, barsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime,
                symbols, timeframes, reconnectMinDelay, reconnectMaxDelay, maxReconnectAttempts, listenerQueueRows);
    }

    public ClientSettings withHistoryUrl(URI newHistoryUrl) {
        return new ClientSettings(endpoint, newHistoryUrl, barsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime,
                symbols, timeframes, reconnectMinDelay, reconnectMaxDelay, maxReconnectAttempts, listenerQueueRows);
    }

    public ClientSettings withBarsPerKey(int newBarsPerKey) {
        return new ClientSettings(endpoint, historyUrl, newBarsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime,
                symbols, timeframes, reconnectMinDelay, reconnectMaxDelay, maxReconnectAttempts, listenerQueueRows);
    }

    public ClientSettings withHistoryPageLimit(int newLimit) {
        return new ClientSettings(endpoint, historyUrl, barsPerKey, newLimit, requestTimeout, maxLookback, settleTime,
                symbols, timeframes, reconnectMinDelay, reconnectMaxDelay, maxReconnectAttempts, listenerQueueRows);
    }

    /** The bars subscribed to from the start: each symbol in each timeframe. */
    public ClientSettings withBars(List<String> newSymbols, List<Timeframe> newTimeframes) {
        return new ClientSettings(endpoint, historyUrl, barsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime,
                newSymbols, newTimeframes, reconnectMinDelay, reconnectMaxDelay, maxReconnectAttempts, listenerQueueRows);
    }

    public ClientSettings withReconnect(Duration minDelay, Duration maxDelay, int maxAttempts) {
        return new ClientSettings(endpoint, historyUrl, barsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime,
                symbols, timeframes, minDelay, maxDelay, maxAttempts, listenerQueueRows);
    }

    public ClientSettings withListenerQueueRows(int newRows) {
        return new ClientSettings(endpoint, historyUrl, barsPerKey, historyPageLimit, requestTimeout, maxLookback, settleTime,
                symbols, timeframes, reconnectMinDelay, reconnectMaxDelay, maxReconnectAttempts, newRows);
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

    private static String setting(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> list(Map<String, String> env, String name) {
        String value = setting(env, name);
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }
}
