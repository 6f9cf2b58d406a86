package io.orderflow.job.source.binance;

import io.orderflow.core.exchange.binance.BinanceRoute;
import io.orderflow.core.exchange.binance.BinanceSymbols;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.feed.FeedSettings;
import io.orderflow.core.exchange.binance.wire.StreamKind;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Builds a {@link BinanceSource}. Only the symbols are required:
 *
 * <pre>{@code
 * BinanceSource source = BinanceSource.builder()
 *         .market(MarketType.USDM)
 *         .symbols(List.of("BTCUSDT", "ETHUSDT"))
 *         .streams(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH, StreamKind.BOOK_TICKER)
 *         .build();
 * }</pre>
 *
 * Tests point {@link #wsBaseUrl} and {@link #restBaseUrl} at a loopback exchange and shorten the
 * timeouts.
 */
public final class BinanceSourceBuilder {

    public static final int DEFAULT_BOOK_LEVELS = 10;
    /** Within every market's limit ({@link MarketType#maxStreamsPerConnection}). */
    public static final int DEFAULT_MAX_STREAMS_PER_CONNECTION = 200;
    public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
    public static final Duration DEFAULT_BACKOFF_RESET_AFTER = Duration.ofSeconds(60);
    /** An hour inside Binance's forced disconnect at 24 h. */
    public static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofHours(23);
    public static final Duration BINANCE_CONNECTION_CUT = Duration.ofHours(24);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_DEDUP_LRU = 100_000;
    public static final int DEFAULT_HANDOFF_CAPACITY = 10_000;

    private MarketType market = MarketType.SPOT;
    private List<String> symbols = List.of();
    private List<StreamKind> streams = List.of(StreamKind.AGG_TRADE, StreamKind.DIFF_DEPTH);
    private String wsBaseUrl;
    private String restBaseUrl;
    private int bookLevels = DEFAULT_BOOK_LEVELS;
    private int maxStreamsPerConnection = DEFAULT_MAX_STREAMS_PER_CONNECTION;
    private SubscribeMode subscribeMode = SubscribeMode.URL;
    private Duration silenceTimeout = DEFAULT_SILENCE_TIMEOUT;
    private Duration backoffInitial = DEFAULT_BACKOFF_INITIAL;
    private Duration backoffMax = DEFAULT_BACKOFF_MAX;
    private Duration backoffResetAfter = DEFAULT_BACKOFF_RESET_AFTER;
    private Duration maxConnectionAge = DEFAULT_MAX_CONNECTION_AGE;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int dedupLru = DEFAULT_DEDUP_LRU;
    private int handoffCapacity = DEFAULT_HANDOFF_CAPACITY;
    private long endTimeMs = Long.MAX_VALUE;
    private boolean capture;
    private Duration bookSyncTimeout = FeedSettings.DEFAULT_BOOK_SYNC_TIMEOUT;

    BinanceSourceBuilder() {}

    /** Spot (the default), USD-M or coin-M futures; picks the default URLs, REST paths and book-sync rules. */
    public BinanceSourceBuilder market(MarketType market) {
        this.market = market;
        return this;
    }

    /** Exchange symbols, any case, e.g. {@code BTCUSDT} or coin-M's {@code BTCUSD_PERP}; emitted upper case. */
    public BinanceSourceBuilder symbols(List<String> symbols) {
        this.symbols = List.copyOf(symbols);
        return this;
    }

    /**
     * The streams followed for every symbol: one trade kind ({@link StreamKind#AGG_TRADE}, the
     * default, or {@link StreamKind#TRADE}), one depth kind ({@link StreamKind#DIFF_DEPTH}, the
     * default, or {@link StreamKind#PARTIAL_DEPTH}), optionally {@link StreamKind#BOOK_TICKER}.
     */
    public BinanceSourceBuilder streams(StreamKind... kinds) {
        this.streams = List.copyOf(Arrays.asList(kinds));
        return this;
    }

    /** WebSocket base, e.g. {@code ws://127.0.0.1:9000}; defaults to Binance's for the market. */
    public BinanceSourceBuilder wsBaseUrl(String url) {
        this.wsBaseUrl = url;
        return this;
    }

    /** REST base for snapshots and trade back-fill; defaults to Binance's for the market. */
    public BinanceSourceBuilder restBaseUrl(String url) {
        this.restBaseUrl = url;
        return this;
    }

    /** K: the levels per side in every book emitted. */
    public BinanceSourceBuilder bookLevels(int levels) {
        this.bookLevels = levels;
        return this;
    }

    /** Streams per connection (a split); Binance allows up to 1024 (coin-M 200). */
    public BinanceSourceBuilder maxStreamsPerConnection(int max) {
        this.maxStreamsPerConnection = max;
        return this;
    }

    public BinanceSourceBuilder subscribeMode(SubscribeMode mode) {
        this.subscribeMode = mode;
        return this;
    }

    /** A connection that receives nothing, not even a ping, for this long is reconnected. */
    public BinanceSourceBuilder silenceTimeout(Duration timeout) {
        this.silenceTimeout = timeout;
        return this;
    }

    /** Reconnect delays double from {@code initial} up to {@code max}, with ±20 % jitter. */
    public BinanceSourceBuilder reconnectBackoff(Duration initial, Duration max) {
        this.backoffInitial = initial;
        this.backoffMax = max;
        return this;
    }

    /** A connection that lived this long counts as stable: the next reconnect waits {@code initial} again. */
    public BinanceSourceBuilder backoffResetAfter(Duration stable) {
        this.backoffResetAfter = stable;
        return this;
    }

    /** Connections are replaced after this age, before Binance cuts them at 24 h. */
    public BinanceSourceBuilder maxConnectionAge(Duration age) {
        this.maxConnectionAge = age;
        return this;
    }

    /** Between the client's own pings (keep-alive through NATs); {@link Duration#ZERO} sends none. */
    public BinanceSourceBuilder pingInterval(Duration interval) {
        this.pingInterval = interval;
        return this;
    }

    /** How long to wait for a connection, a SUBSCRIBE acknowledgement or a REST answer. */
    public BinanceSourceBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** Recent trade ids remembered per symbol to drop duplicates (DEDUP_LRU). */
    public BinanceSourceBuilder dedupLru(int size) {
        this.dedupLru = size;
        return this;
    }

    /** Events the connections may hold for the reader before backpressure sets in. */
    public BinanceSourceBuilder handoffCapacity(int capacity) {
        this.handoffCapacity = capacity;
        return this;
    }

    /** The source ends at this wall time (epoch ms): a bounded run (RUN_HOURS). */
    public BinanceSourceBuilder endTimeMs(long endTimeMs) {
        this.endTimeMs = endTimeMs;
        return this;
    }

    /** Also emit every received message and REST answer as a raw frame, for replay. */
    public BinanceSourceBuilder capture(boolean capture) {
        this.capture = capture;
        return this;
    }

    /** A symbol's book not synced this long after its first diff is reported (BOOK_SYNC_TIMEOUT_SEC). */
    public BinanceSourceBuilder bookSyncTimeout(Duration timeout) {
        this.bookSyncTimeout = timeout;
        return this;
    }

    public BinanceSource build() {
        require(market != null, "market must be set");
        String ws = wsBaseUrl != null ? wsBaseUrl : market.wsBaseUrl();
        String rest = restBaseUrl != null ? restBaseUrl : market.restBaseUrl();
        sanityCheck(ws, rest);
        return new BinanceSource(new BinanceSourceConfig(
                market,
                symbols.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList(),
                streams,
                stripTrailingSlash(ws),
                stripTrailingSlash(rest),
                bookLevels,
                maxStreamsPerConnection,
                subscribeMode,
                silenceTimeout,
                backoffInitial,
                backoffMax,
                backoffResetAfter,
                maxConnectionAge,
                pingInterval,
                requestTimeout,
                dedupLru,
                handoffCapacity,
                endTimeMs,
                capture,
                bookSyncTimeout));
    }

    private void sanityCheck(String ws, String rest) {
        require(!symbols.isEmpty(), "at least one symbol is required");
        require(symbols.stream().allMatch(BinanceSymbols::isSymbol),
                "symbols must be " + BinanceSymbols.DESCRIPTION + ": " + symbols);
        require(new HashSet<>(symbols.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList()).size()
                        == symbols.size(),
                "symbols must be distinct: " + symbols);
        require(!streams.isEmpty(), "at least one stream kind is required");
        require(new HashSet<>(streams).size() == streams.size(), "stream kinds must be distinct: " + streams);
        List<StreamKind> missing = streams.stream().filter(kind -> !market.offers(kind)).toList();
        require(missing.isEmpty(), market + " has no " + missing + " stream");
        require(streams.stream().filter(StreamKind::isTrades).count() <= 1,
                "choose one trade stream, AGG_TRADE or TRADE: " + streams);
        require(streams.stream().filter(StreamKind::isDepth).count() <= 1,
                "choose one depth stream, DIFF_DEPTH or PARTIAL_DEPTH: " + streams);
        require(!streams.contains(StreamKind.BOOK_TICKER) || streams.contains(StreamKind.DIFF_DEPTH),
                "BOOK_TICKER only cross-checks a book rebuilt from DIFF_DEPTH: " + streams);
        require(bookLevels >= 1, "bookLevels must be at least 1, got " + bookLevels);
        require(!streams.contains(StreamKind.PARTIAL_DEPTH) || bookLevels <= StreamKind.MAX_PARTIAL_LEVELS,
                "PARTIAL_DEPTH carries at most " + StreamKind.MAX_PARTIAL_LEVELS + " levels, bookLevels is "
                        + bookLevels);
        long streamsPerSymbol = streams.stream()
                .collect(Collectors.groupingBy(kind -> BinanceRoute.of(market, kind), Collectors.counting()))
                .values().stream().mapToLong(Long::longValue).max().orElse(0);
        int maxStreams = market.maxStreamsPerConnection();
        require(maxStreamsPerConnection >= streamsPerSymbol && maxStreamsPerConnection <= maxStreams,
                "maxStreamsPerConnection must be between " + streamsPerSymbol + " (a symbol's streams on one"
                        + " route stay on one connection) and " + maxStreams + " (" + market + "), got "
                        + maxStreamsPerConnection);
        require(subscribeMode != null, "subscribeMode must be set");
        requireUrl(ws, "wsBaseUrl", "ws", "wss");
        requireUrl(rest, "restBaseUrl", "http", "https");
        requirePositive(silenceTimeout, "silenceTimeout");
        requirePositive(backoffInitial, "reconnectBackoff initial");
        requirePositive(backoffMax, "reconnectBackoff max");
        require(backoffMax.compareTo(backoffInitial) >= 0,
                "reconnectBackoff max (" + backoffMax + ") must not be below initial (" + backoffInitial + ")");
        requirePositive(backoffResetAfter, "backoffResetAfter");
        requirePositive(maxConnectionAge, "maxConnectionAge");
        require(maxConnectionAge.compareTo(BINANCE_CONNECTION_CUT) < 0,
                "maxConnectionAge must be under Binance's 24 h cut, got " + maxConnectionAge);
        require(pingInterval != null && (pingInterval.isZero() || pingInterval.compareTo(Duration.ofSeconds(1)) >= 0),
                "pingInterval must be zero (no pings) or at least 1 s (Binance counts them against its"
                        + " message limit), got " + pingInterval);
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(bookSyncTimeout, "bookSyncTimeout");
        require(dedupLru >= 1, "dedupLru must be at least 1, got " + dedupLru);
        require(handoffCapacity >= 1, "handoffCapacity must be at least 1, got " + handoffCapacity);
        require(endTimeMs > 0, "endTimeMs must be an epoch ms, got " + endTimeMs);
    }

    private static void requireUrl(String url, String name, String... schemes) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + url, e);
        }
        require(uri.getScheme() != null && Arrays.asList(schemes).contains(uri.getScheme()) && uri.getHost() != null,
                name + " must be " + String.join(" or ", schemes) + "://host[:port], got " + url);
        require(uri.getQuery() == null, name + " must not have a query, got " + url);
    }

    private static void requirePositive(Duration duration, String name) {
        require(duration != null && !duration.isNegative() && !duration.isZero(),
                name + " must be a positive duration, got " + duration);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
