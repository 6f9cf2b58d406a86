package io.orderflow.job.source.market;

import static org.apache.flink.util.Preconditions.checkArgument;

import java.util.HashSet;
import java.util.List;

/**
 * Builds an {@link EmbeddedMarketSource}. Only the symbols are required:
 *
 * <pre>{@code
 * EmbeddedMarketSource source = EmbeddedMarketSource.builder()
 *         .symbols(List.of("BTCUSDT", "ETHUSDT"))
 *         .seed(7)
 *         .maxEventsPerSymbol(10_000)
 *         .build();
 * }</pre>
 */
public final class EmbeddedMarketSourceBuilder {

    public static final long DEFAULT_SEED = 1L;
    public static final double DEFAULT_EVENTS_PER_SECOND = 50.0;
    public static final int DEFAULT_BOOK_LEVELS = 10;

    private List<String> symbols = List.of();
    private long seed = DEFAULT_SEED;
    private double eventsPerSecondPerSymbol = DEFAULT_EVENTS_PER_SECOND;
    private int bookLevels = DEFAULT_BOOK_LEVELS;
    private Long startTimeMs;
    private long maxEventsPerSymbol;
    private long endTimeMs = Long.MAX_VALUE;
    private boolean paced;
    private double speed = 1.0;

    EmbeddedMarketSourceBuilder() {}

    /** One split, and one independent market, per symbol. */
    public EmbeddedMarketSourceBuilder symbols(List<String> symbols) {
        this.symbols = List.copyOf(symbols);
        return this;
    }

    /** The same seed gives the same markets, event for event. */
    public EmbeddedMarketSourceBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Long-run mean of events (trades plus books) per second of sim time, per symbol. */
    public EmbeddedMarketSourceBuilder eventsPerSecondPerSymbol(double eventsPerSecond) {
        this.eventsPerSecondPerSymbol = eventsPerSecond;
        return this;
    }

    /** K: the levels per side in every book. */
    public EmbeddedMarketSourceBuilder bookLevels(int levels) {
        this.bookLevels = levels;
        return this;
    }

    /**
     * Epoch ms at which sim time starts. Unset, {@link #build()} reads the wall clock once, so the
     * built source is still deterministic (a job restored from a savepoint keeps the start time
     * its splits were checkpointed with).
     */
    public EmbeddedMarketSourceBuilder startTimeMs(long startTimeMs) {
        this.startTimeMs = startTimeMs;
        return this;
    }

    /** Each symbol's stream ends after this many events; 0 (the default) sets no limit. */
    public EmbeddedMarketSourceBuilder maxEventsPerSymbol(long maxEvents) {
        this.maxEventsPerSymbol = maxEvents;
        return this;
    }

    /** Each symbol's stream ends before its first event at or after this sim time (epoch ms). */
    public EmbeddedMarketSourceBuilder endTimeMs(long endTimeMs) {
        this.endTimeMs = endTimeMs;
        return this;
    }

    /**
     * Paced, events are emitted when the wall clock reaches them (sim time runs at {@link #speed}
     * times real time from the reader's first poll); unpaced, as fast as the job takes them.
     */
    public EmbeddedMarketSourceBuilder paced(boolean paced) {
        this.paced = paced;
        return this;
    }

    /** How many times faster than real time a paced market runs. */
    public EmbeddedMarketSourceBuilder speed(double speed) {
        this.speed = speed;
        return this;
    }

    public EmbeddedMarketSource build() {
        long start = startTimeMs != null ? startTimeMs : System.currentTimeMillis();
        sanityCheck(start);
        return new EmbeddedMarketSource(new EmbeddedMarketConfig(
                symbols, seed, eventsPerSecondPerSymbol, bookLevels, start,
                maxEventsPerSymbol, endTimeMs, paced, speed));
    }

    private void sanityCheck(long start) {
        checkArgument(!symbols.isEmpty(), "at least one symbol is required");
        checkArgument(symbols.stream().noneMatch(String::isBlank), "symbols must not be blank: " + symbols);
        checkArgument(new HashSet<>(symbols).size() == symbols.size(), "symbols must be distinct: " + symbols);
        checkArgument(eventsPerSecondPerSymbol > 0 && Double.isFinite(eventsPerSecondPerSymbol),
                "eventsPerSecondPerSymbol must be a positive number, got " + eventsPerSecondPerSymbol);
        checkArgument(bookLevels >= 1, "bookLevels must be at least 1, got " + bookLevels);
        checkArgument(maxEventsPerSymbol >= 0,
                "maxEventsPerSymbol must be 0 (no limit) or positive, got " + maxEventsPerSymbol);
        checkArgument(speed > 0 && Double.isFinite(speed), "speed must be a positive number, got " + speed);
        checkArgument(endTimeMs > start, "endTimeMs (" + endTimeMs + ") must be after startTimeMs (" + start + ")");
    }
}
