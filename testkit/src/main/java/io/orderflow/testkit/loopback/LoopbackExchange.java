package io.orderflow.testkit.loopback;

import io.orderflow.core.exchange.binance.BinanceSymbols;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.market.MarketSimulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Binance-compatible exchange on 127.0.0.1, fed by the seeded synthetic market: WebSocket market
 * streams (spot and coin-M paths, or USD-M's {@code /market} and {@code /public} routes, as
 * {@link io.orderflow.core.exchange.binance.BinanceRoute} has them) and the REST depth snapshot and
 * {@code aggTrades}, with Binance's message shapes, update-id rules, pings and limits, and faults to
 * inject on command. Tests and the demo run the real WebSocket source against it.
 *
 * <pre>{@code
 * try (LoopbackExchange ex = LoopbackExchange.builder().market(MarketType.USDM)
 *         .symbols(List.of("BTCUSDT")).eventsPerSecondPerSymbol(500).build()) {
 *     ex.start();
 *     // ex.wsBaseUrl() + "/market/stream?streams=btcusdt@aggTrade", ex.restBaseUrl() + "/fapi/v1/depth?symbol=BTCUSDT"
 * }
 * }</pre>
 *
 * <p>One scheduled thread runs the market (and the pings): each tick it plays every symbol's
 * simulator up to the market clock, which tracks the wall clock from {@link #start}. Every fault
 * and observation method is thread-safe and takes effect immediately.
 */
public final class LoopbackExchange implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackExchange.class);

    /** Trades and book tickers go out within a tick of happening. */
    private static final long TICK_MS = 5;

    private static final long SHUTDOWN_TIMEOUT_MS = 2_000;

    private final MarketType market;
    private final Map<String, SymbolMarket> markets;
    private final MarketClock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final StreamServer streams;
    private final RestApi rest;
    private boolean started;
    private boolean closed;

    private LoopbackExchange(Builder b) {
        this.market = b.market;
        this.markets = new LinkedHashMap<>();
        for (String symbol : b.symbols) {
            double rate = b.symbolRates.getOrDefault(symbol, b.eventsPerSecondPerSymbol);
            MarketSimulator simulator = new MarketSimulator(symbol, b.seed, b.startTimeMs, rate, b.bookLevels);
            markets.put(symbol, new SymbolMarket(market, simulator, b.depthIntervalMs, b.tradeHistory));
        }
        this.clock = new MarketClock(b.startTimeMs, System::nanoTime);
        this.scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "loopback-exchange-" + market);
            thread.setDaemon(true);
            return thread;
        });
        // Age cuts of closed connections are cancelled; without this they would pile up for 24 h.
        scheduler.setRemoveOnCancelPolicy(true);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ConnectionPolicy policy = ConnectionPolicy.of(market, b.pingInterval(), b.maxConnectionAge);
        this.streams = new StreamServer(new InetSocketAddress(loopback, b.wsPort), market, markets.keySet(), policy,
                scheduler);
        this.rest = new RestApi(new InetSocketAddress(loopback, b.restPort), market, markets, clock::simTimeMs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and opens both servers and starts the market clock.
     *
     * @throws IllegalStateException or {@link java.io.UncheckedIOException} if a port cannot be
     *     bound; {@link #close} then releases whatever did start
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("a loopback exchange starts once");
        }
        started = true;
        streams.open();
        rest.open();
        clock.start();
        scheduler.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        LOG.info("loopback {} exchange for {}: {} and {}", market, markets.keySet(), wsBaseUrl(), restBaseUrl());
    }

    public MarketType market() {
        return market;
    }

    /**
     * After {@link #start}: {@code ws://127.0.0.1:PORT}; append {@code /stream?streams=a/b} or
     * {@code /ws/<stream>}, on USD-M after the route ({@code /market} or {@code /public}).
     */
    public String wsBaseUrl() {
        return "ws://127.0.0.1:" + streams.getPort();
    }

    /** After {@link #start}: {@code http://127.0.0.1:PORT}; append the market's REST path, e.g. {@code /dapi/v1/depth}. */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + rest.port();
    }

    /** Closes every client socket abruptly, without a close frame. */
    public void dropConnections() {
        streams.dropConnections();
    }

    /** While on, sockets stay open but receive nothing, not even pings; the market goes on. */
    public void silence(boolean on) {
        streams.silence(on);
    }

    /** Sends {@code text} as one raw text frame to every connected client. */
    public void sendGarbage(String text) {
        LOG.info("sending garbage to {} client(s) (injected fault)", streams.connectionCount());
        streams.sendToAll(text);
    }

    /** Sends each frame, text or binary, to every connected client, in order (a fuzzing run: logged once). */
    public void sendGarbage(List<FrameFuzzer.Frame> frames) {
        LOG.info("sending {} fuzzed frames to {} client(s) (injected fault)", frames.size(), streams.connectionCount());
        for (FrameFuzzer.Frame frame : frames) {
            if (frame.binary()) {
                streams.sendBinaryToAll(frame.bytes());
            } else {
                streams.sendToAll(frame.text());
            }
        }
    }

    /** Withholds the symbol's next {@code depthUpdate}: a sequence gap on the diff stream. */
    public void skipNextDiff(String symbol) {
        market(symbol).skipNextDiff();
    }

    /** Freezes the market for {@code duration}: no data, while pings and REST carry on. */
    public void stall(Duration duration) {
        LOG.info("stalling the market for {} (injected fault)", duration);
        clock.stall(duration);
    }

    /** Pauses or resumes the market clock. */
    public void pauseMarket(boolean on) {
        clock.pause(on);
    }

    /** The same as {@link #close}. */
    public void stop() {
        close();
    }

    /** Every aggregate trade id the symbol has produced, in order, whether or not anyone received it. */
    public List<Long> publishedTradeIds(String symbol) {
        return market(symbol).publishedTradeIds();
    }

    /** The symbol's last aggregate trade id, or -1 before its first trade. */
    public long lastTradeId(String symbol) {
        return market(symbol).lastTradeId();
    }

    /** Text frames sent to all clients so far. */
    public long messagesSent() {
        return streams.messagesSent();
    }

    public int connectionCount() {
        return streams.connectionCount();
    }

    public int totalConnectionsAccepted() {
        return streams.totalConnectionsAccepted();
    }

    /** The streams some open connection is subscribed to, sorted. */
    public List<String> subscriptions() {
        return streams.subscriptions();
    }

    /** Stops the market thread and both servers; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        streams.close();
        rest.close();
        try {
            scheduler.awaitTermination(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("loopback {} exchange closed", market);
    }

    /** Never throws: an exception would cancel the periodic task and silently stop the market. */
    private void tick() {
        try {
            long now = clock.simTimeMs();
            for (SymbolMarket symbolMarket : markets.values()) {
                symbolMarket.advanceTo(now, streams);
            }
        } catch (RuntimeException e) {
            LOG.error("market tick failed", e);
        }
    }

    private SymbolMarket market(String symbol) {
        SymbolMarket symbolMarket = markets.get(symbol);
        if (symbolMarket == null) {
            throw new IllegalArgumentException("not a symbol of this exchange: " + symbol);
        }
        return symbolMarket;
    }

    /** Settings with Binance's defaults; only the symbols are required. */
    public static final class Builder {

        private MarketType market = MarketType.SPOT;
        private List<String> symbols = List.of();
        private long seed = 42;
        private double eventsPerSecondPerSymbol = 50;
        private Map<String, Double> symbolRates = Map.of();
        private int bookLevels = 20;
        private Long startTimeMs;
        private long depthIntervalMs = 100;
        private Duration pingInterval;
        private Duration maxConnectionAge = Duration.ofHours(24);
        private int tradeHistory = 1_000_000;
        private int wsPort;
        private int restPort;

        private Builder() {}

        /** Decides paths, message shapes, update-id rules and ping cadence; default SPOT. */
        public Builder market(MarketType market) {
            this.market = Objects.requireNonNull(market);
            return this;
        }

        /** Upper case, e.g. {@code BTCUSDT}. */
        public Builder symbols(List<String> symbols) {
            this.symbols = List.copyOf(symbols);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The simulator's mean rate of trades plus book changes; default 50. */
        public Builder eventsPerSecondPerSymbol(double eventsPerSecond) {
            this.eventsPerSecondPerSymbol = eventsPerSecond;
            return this;
        }

        /**
         * Rates of their own for some symbols (a busy few and a quiet tail, e.g.
         * {@link SymbolRates#zipf}); the others keep {@link #eventsPerSecondPerSymbol}.
         */
        public Builder symbolRates(Map<String, Double> rates) {
            this.symbolRates = Map.copyOf(rates);
            return this;
        }

        /** The book's depth per side; default 20. */
        public Builder bookLevels(int bookLevels) {
            this.bookLevels = bookLevels;
            return this;
        }

        /** Epoch ms at which simulated time starts; default now. */
        public Builder startTimeMs(long startTimeMs) {
            this.startTimeMs = startTimeMs;
            return this;
        }

        /** The window batched into one {@code depthUpdate} (every depth stream uses it); default 100. */
        public Builder depthIntervalMs(long depthIntervalMs) {
            this.depthIntervalMs = depthIntervalMs;
            return this;
        }

        /** Server ping cadence; default 20 s spot, 3 min futures. Pongs are due within three intervals. */
        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
            return this;
        }

        /** Connections are cut at this age; default 24 h, as on Binance. */
        public Builder maxConnectionAge(Duration maxConnectionAge) {
            this.maxConnectionAge = maxConnectionAge;
            return this;
        }

        /** Trades kept per symbol for REST {@code aggTrades}; default 1,000,000. */
        public Builder tradeHistory(int trades) {
            this.tradeHistory = trades;
            return this;
        }

        /** Default 0: an ephemeral port, so parallel tests never collide. */
        public Builder wsPort(int port) {
            this.wsPort = port;
            return this;
        }

        /** Default 0: an ephemeral port. */
        public Builder restPort(int port) {
            this.restPort = port;
            return this;
        }

        /** Opens each symbol's market; nothing is bound or served before {@link LoopbackExchange#start}. */
        public LoopbackExchange build() {
            if (symbols.isEmpty() || !symbols.stream().allMatch(
                    s -> BinanceSymbols.isSymbol(s) && s.equals(s.toUpperCase(Locale.ROOT)))) {
                throw new IllegalArgumentException("need upper-case symbols like BTCUSDT or BTCUSD_PERP, got " + symbols);
            }
            if (symbols.stream().distinct().count() != symbols.size()) {
                throw new IllegalArgumentException("duplicate symbols in " + symbols);
            }
            if (!symbols.containsAll(symbolRates.keySet())) {
                throw new IllegalArgumentException("rates given for symbols the exchange does not list: "
                        + symbolRates.keySet().stream().filter(s -> !symbols.contains(s)).toList());
            }
            if (!(eventsPerSecondPerSymbol > 0) || !symbolRates.values().stream().allMatch(r -> r > 0)
                    || bookLevels < 1 || depthIntervalMs < 1 || tradeHistory < 1) {
                throw new IllegalArgumentException("need a positive event rate, book depth, depth interval and "
                        + "trade history");
            }
            requirePositive(pingInterval(), "ping interval");
            requirePositive(maxConnectionAge, "maximum connection age");
            if (wsPort < 0 || restPort < 0) {
                throw new IllegalArgumentException("ports must be 0 (ephemeral) or positive");
            }
            if (startTimeMs == null) {
                startTimeMs = System.currentTimeMillis();
            }
            return new LoopbackExchange(this);
        }

        private Duration pingInterval() {
            return pingInterval != null ? pingInterval : ConnectionPolicy.defaultPingInterval(market);
        }

        private static void requirePositive(Duration duration, String what) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + duration);
            }
        }
    }
}
