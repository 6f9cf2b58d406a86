package io.orderflow.core.market;

import io.orderflow.core.feed.MarketFeed;
import io.orderflow.core.model.BookTop;
import io.orderflow.core.model.MarketEvent;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic market for one symbol: a limit order book hit by a Poisson stream of
 * limit adds, cancels and market orders, producing {@link MarketEvent}s in simulated time.
 *
 * <p>What makes its order flow mean something:
 *
 * <ul>
 *   <li>A market order consumes the best opposite levels, printing one trade per price level; when
 *       it empties the best level the touch moves, so flow moves the mid price.
 *   <li>A latent flow imbalance, a mean-reverting (Ornstein-Uhlenbeck) process, biases the side of
 *       market orders, adds and cancels, so flow persists over seconds and OFI leads mid changes.
 *   <li>Trade sizes are a lognormal body with a rare Pareto tail; the arrival rate follows an
 *       {@link IntensityRegime} that switches between quiet, normal and busy spells.
 * </ul>
 *
 * <p>After every action the book is emitted as a {@link BookTop}; the trades of a market order
 * come just before it, with the same event time. All randomness comes from one
 * {@link SplittableRandom} seeded from the seed and the symbol, and all transcendental functions
 * are {@link StrictMath}, so the same arguments give the same events on any JVM: a reader that
 * restarts elsewhere can {@link #skip} to where it was and continue with identical events.
 */
public final class MarketSimulator implements MarketFeed {

    private static final double MARKET_ORDER_SHARE = 0.2;
    private static final double LIMIT_ADD_SHARE = 0.45;

    /** An add on a side whose spread is wider than a tick usually steps in front of the touch. */
    private static final double IMPROVE_PROBABILITY = 0.6;

    /** Orders pick level n with probability ~ (1 - p)^n p: most activity is at the touch. */
    private static final double TOUCH_PROBABILITY = 0.35;

    private static final double FULL_CANCEL_PROBABILITY = 0.3;

    /** How long the flow imbalance remembers (the OU time constant), in sim ms. */
    private static final double FLOW_MEMORY_MS = 3_000.0;

    /** How far the imbalance can tilt market orders (and, less, the book) from 50/50. */
    private static final double MARKET_SIDE_TILT = 0.4;

    private static final double BOOK_SIDE_TILT = 0.25;

    private static final double TRADE_SIZE_SIGMA = 0.9;
    private static final double TAIL_PROBABILITY = 0.03;
    private static final double TAIL_ALPHA = 1.3;
    private static final double TAIL_SCALE = 3.0;
    private static final double LEVEL_SIZE_SIGMA = 0.8;
    private static final double ADD_TO_LEVEL_RATIO = 0.5;

    private static final double LATENCY_MEDIAN_MS = 2.0;
    private static final double LATENCY_SIGMA = 0.5;
    private static final double LATENCY_SPIKE_PROBABILITY = 0.01;
    private static final double LATENCY_SPIKE_MS = 20.0;

    /**
     * Events per action: one book, plus the trades of market orders. Measured on long runs, it
     * turns the configured event rate into an action rate, so the event rate is right on average.
     */
    static final double EVENTS_PER_ACTION = 1.21;

    private static final int MAX_TRADE_TIME_LAG_MS = 2;
    private static final int MAX_UPDATE_ID_STEP = 3;
    private static final long FIRST_ID_ORIGIN = 1_000_000_000L;

    private final String symbol;
    private final SymbolProfile profile;
    private final int levels;
    private final int maxSweptLevels;
    private final long startTimeMs;
    private final double actionsPerMs;
    private final SplittableRandom random;
    private final SimulatedBookSide bids;
    private final SimulatedBookSide asks;

    /** Events of the current action not handed out yet. */
    private final ArrayDeque<MarketEvent> pending = new ArrayDeque<>();

    private double clockMs;
    private double flow;
    private IntensityRegime regime;
    private double regimeEndsMs;
    private long nextTradeId;
    private long updateId;

    /**
     * @param seed base seed; the symbol is mixed in, so symbols of one seed differ
     * @param startTimeMs epoch ms at which simulated time starts
     * @param eventsPerSecond long-run mean rate of emitted events (trades plus books)
     * @param bookLevels K, the levels per side carried by every {@link BookTop}
     */
    public MarketSimulator(
            String symbol, long seed, long startTimeMs, double eventsPerSecond, int bookLevels) {
        if (!(eventsPerSecond > 0) || bookLevels < 1) {
            throw new IllegalArgumentException(
                    "need eventsPerSecond > 0 and bookLevels >= 1, got "
                            + eventsPerSecond + ", " + bookLevels);
        }
        this.symbol = symbol;
        this.profile = SymbolProfile.forSymbol(symbol);
        this.levels = bookLevels;
        this.maxSweptLevels = (bookLevels + 1) / 2;
        this.startTimeMs = startTimeMs;
        this.actionsPerMs = eventsPerSecond / EVENTS_PER_ACTION / 1_000.0;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ SymbolProfile.stableHash(symbol));
        this.bids = SimulatedBookSide.bids(bookLevels);
        this.asks = SimulatedBookSide.asks(bookLevels);

        IntensityRegime[] regimes = IntensityRegime.values();
        this.regime = regimes[random.nextInt(regimes.length)];
        this.regimeEndsMs = exponential(IntensityRegime.MEAN_DWELL_MS);
        this.flow = gaussian();
        this.nextTradeId = random.nextLong(FIRST_ID_ORIGIN, 2 * FIRST_ID_ORIGIN);
        this.updateId = random.nextLong(FIRST_ID_ORIGIN, 2 * FIRST_ID_ORIGIN);
        bids.open(profile.initialMidTicks(), levelLots());
        asks.open(profile.initialMidTicks() + 1, levelLots());
        for (int level = 1; level < bookLevels; level++) {
            bids.appendBehind(gapTicks(), levelLots());
            asks.appendBehind(gapTicks(), levelLots());
        }
    }

    public String symbol() {
        return symbol;
    }

    /** The next event; the stream never ends. */
    @Override
    public MarketEvent next() {
        while (pending.isEmpty()) {
            act();
        }
        return pending.poll();
    }

    private void act() {
        advanceClock();
        long eventTimeMs = startTimeMs + (long) clockMs;
        double pressure = StrictMath.tanh(flow);
        double action = random.nextDouble();
        if (action < MARKET_ORDER_SHARE) {
            marketOrder(eventTimeMs, pressure);
        } else if (action < MARKET_ORDER_SHARE + LIMIT_ADD_SHARE) {
            limitAdd(pressure);
        } else {
            cancel(pressure);
        }
        pending.add(MarketEvent.of(bookTop(eventTimeMs)));
    }

    /** Moves to the next arrival, switching regimes on the way; memoryless, so redrawing is exact. */
    private void advanceClock() {
        double previousMs = clockMs;
        while (true) {
            double arrivalMs = clockMs + exponential(1.0 / (actionsPerMs * regime.multiplier()));
            if (arrivalMs < regimeEndsMs) {
                clockMs = arrivalMs;
                break;
            }
            clockMs = regimeEndsMs;
            regime = regime.next(random);
            regimeEndsMs = clockMs + exponential(IntensityRegime.MEAN_DWELL_MS);
        }
        // Exact OU transition over the elapsed time, keeping the stationary variance at 1.
        double decay = StrictMath.exp(-(clockMs - previousMs) / FLOW_MEMORY_MS);
        flow = decay * flow + StrictMath.sqrt(1.0 - decay * decay) * gaussian();
    }

    private void marketOrder(long eventTimeMs, double pressure) {
        boolean buy = random.nextDouble() < 0.5 + MARKET_SIDE_TILT * pressure;
        TakerSide taker = buy ? TakerSide.BUY : TakerSide.SELL;
        SimulatedBookSide book = buy ? asks : bids;
        long remaining = tradeLots();
        for (int swept = 0; remaining > 0 && book.depth() > 0 && swept < maxSweptLevels; swept++) {
            long priceTicks = book.priceTicks(0);
            long filled = book.take(0, remaining);
            remaining -= filled;
            refill(book);
            pending.add(MarketEvent.of(trade(eventTimeMs, priceTicks, filled, taker)));
        }
    }

    private void limitAdd(double pressure) {
        boolean bid = random.nextDouble() < 0.5 + BOOK_SIDE_TILT * pressure;
        SimulatedBookSide side = bid ? bids : asks;
        SimulatedBookSide other = bid ? asks : bids;
        long quantity = addLots();
        if (side.depth() == 0) {
            side.open(other.awayFrom(other.priceTicks(0), -1), quantity);
        } else if (spreadIsWide() && random.nextDouble() < IMPROVE_PROBABILITY) {
            side.improve(side.awayFrom(side.priceTicks(0), -1), quantity);
        } else {
            side.add(level(side), quantity);
        }
    }

    /** Buying pressure pulls offers and selling pressure pulls bids. */
    private void cancel(double pressure) {
        boolean ask = random.nextDouble() < 0.5 + BOOK_SIDE_TILT * pressure;
        SimulatedBookSide side = ask ? asks : bids;
        if (side.depth() == 0) {
            side = ask ? bids : asks;
        }
        int level = level(side);
        long resting = side.lots(level);
        long cancelled = random.nextDouble() < FULL_CANCEL_PROBABILITY
                ? resting
                : Math.max(1, Math.round(resting * random.nextDouble(0.1, 0.7)));
        side.take(level, cancelled);
        refill(side);
    }

    /** A level that vanished is replaced by a new one behind, as deeper orders come into view. */
    private void refill(SimulatedBookSide side) {
        if (!side.isFull()) {
            side.appendBehind(gapTicks(), levelLots());
        }
    }

    private boolean spreadIsWide() {
        return bids.depth() > 0 && asks.depth() > 0 && asks.priceTicks(0) - bids.priceTicks(0) > 1;
    }

    private int level(SimulatedBookSide side) {
        int level = 0;
        while (level < side.depth() - 1 && random.nextDouble() > TOUCH_PROBABILITY) {
            level++;
        }
        return level;
    }

    private BookTop bookTop(long eventTimeMs) {
        double[] bidPrices = new double[levels];
        double[] bidQtys = new double[levels];
        double[] askPrices = new double[levels];
        double[] askQtys = new double[levels];
        bids.copyTo(bidPrices, bidQtys, profile);
        asks.copyTo(askPrices, askQtys, profile);
        updateId += 1 + random.nextInt(MAX_UPDATE_ID_STEP);
        return new BookTop(symbol, eventTimeMs, eventTimeMs, eventTimeMs + latencyMs(), updateId,
                bidPrices, bidQtys, askPrices, askQtys);
    }

    private Trade trade(long eventTimeMs, long priceTicks, long lots, TakerSide taker) {
        long tradeTimeMs = eventTimeMs - random.nextInt(MAX_TRADE_TIME_LAG_MS + 1);
        return new Trade(symbol, eventTimeMs, tradeTimeMs, eventTimeMs + latencyMs(),
                profile.price(priceTicks), profile.qty(lots), nextTradeId++, taker);
    }

    /** Mostly lognormal around the median; a few percent of orders from a Pareto tail. */
    private long tradeLots() {
        double lots = random.nextDouble() < TAIL_PROBABILITY
                ? TAIL_SCALE * profile.medianTradeLots() * pareto(TAIL_ALPHA)
                : profile.medianTradeLots() * StrictMath.exp(TRADE_SIZE_SIGMA * gaussian());
        return Math.max(1, Math.round(lots));
    }

    private long levelLots() {
        return lognormalLots(profile.medianLevelLots());
    }

    private long addLots() {
        return lognormalLots(ADD_TO_LEVEL_RATIO * profile.medianLevelLots());
    }

    private long lognormalLots(double median) {
        return Math.max(1, Math.round(median * StrictMath.exp(LEVEL_SIZE_SIGMA * gaussian())));
    }

    /** Mostly adjacent ticks, sometimes a hole or two, as in a real book's deeper levels. */
    private long gapTicks() {
        double u = random.nextDouble();
        return u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
    }

    /** A millisecond or so, sometimes much more: network latency is heavy-tailed. */
    private long latencyMs() {
        double latency = LATENCY_MEDIAN_MS * StrictMath.exp(LATENCY_SIGMA * gaussian());
        if (random.nextDouble() < LATENCY_SPIKE_PROBABILITY) {
            latency += LATENCY_SPIKE_MS * pareto(1.5);
        }
        return 1 + Math.round(latency);
    }

    private double gaussian() {
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - random.nextDouble()));
        return radius * StrictMath.cos(2.0 * StrictMath.PI * random.nextDouble());
    }

    private double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    /** At least 1, with {@code P(X > x) = x^-alpha}. */
    private double pareto(double alpha) {
        return StrictMath.pow(1.0 - random.nextDouble(), -1.0 / alpha);
    }
}
