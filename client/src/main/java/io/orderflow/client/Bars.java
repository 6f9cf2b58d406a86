package io.orderflow.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Closed bars by count or by range, from the {@link BarCache} when it knows them (a hit), otherwise
 * from the server's {@code /history} for the part it does not know, merged with the part it does, in
 * time order, without gap or duplicate (a miss); what was fetched goes into the cache. Without a live
 * connection this answers from history alone, as a backtest needs; a live connection feeds the same
 * cache. Safe to call from any thread (two threads missing the same bars both fetch them).
 *
 * <p>No look-ahead: a bar is closed at {@code asOfMs} when {@code ts_ms + timeframe <= asOfMs}; the bar
 * forming at that time is never returned.
 */
public final class Bars {

    private final HistoryClient history;
    private final BarCache cache;
    private final ClientSettings settings;
    private final LongSupplier clock;

    /**
     * {@code clock}: the wall clock in epoch ms, the "now" of {@link #bars(String, Timeframe, int)}; history
     * is taken as complete for the bars that closed a settle time before it.
     */
    public Bars(HistoryClient history, BarCache cache, ClientSettings settings, LongSupplier clock) {
        this.history = history;
        this.cache = cache;
        this.settings = settings;
        this.clock = clock;
    }

    /** Bars over the server's history only, with a cache of their own. */
    public static Bars overHistory(ClientSettings settings) {
        return new Bars(new HistoryClient(settings), new BarCache(settings.barsPerKey()), settings, System::currentTimeMillis);
    }

    public BarCache cache() {
        return cache;
    }

    /** The last {@code count} closed bars now. */
    public List<Kline> bars(String symbol, Timeframe timeframe, int count) {
        return bars(symbol, timeframe, count, clock.getAsLong());
    }

    /**
     * The last {@code count} bars closed at {@code asOfMs} ({@code ts_ms + timeframe <= asOfMs}), oldest
     * first; fewer when history within the look-back holds fewer.
     */
    public List<Kline> bars(String symbol, Timeframe timeframe, int count, long asOfMs) {
        long end = asOfMs - timeframe.millis() + 1; // the open times before it are of bars closed by asOfMs
        List<Kline> cached = cache.lastClosed(symbol, timeframe, count, end);
        if (cached != null) {
            return cached;
        }
        BarCache.Snapshot known = cache.snapshot(symbol, timeframe);
        long lowest = Math.max(0, end - settings.maxLookback().toMillis());
        // A backtest steps its clock forward: bars after end, as many as the cache has room for beside
        // the answer (at most count), spare it a request at each step. They go to the cache only.
        long ahead = Math.max(0, Math.min(count, cache.barsPerKey() - count)) * timeframe.millis();
        long to = Math.max(end, settled(end + ahead, timeframe));
        List<Kline> window = new ArrayList<>();
        List<Kline> fetched = new ArrayList<>();
        long from = to;
        long span = (long) count * timeframe.millis(); // enough when the symbol traded in every bar
        int answerEnd = 0;
        while (answerEnd < count && from > lowest) {
            long older = Math.max(lowest, end - span);
            List<Kline> part = closedBetween(known, symbol, timeframe, older, from, fetched);
            window.addAll(0, part);
            answerEnd = BarCache.firstAtOrAfter(window, end);
            from = older;
            span *= 4; // a symbol with fewer bars than asked costs log4, not log2, of the look-back in requests
        }
        cache.applyHistory(symbol, timeframe, fetched, from, settled(to, timeframe));
        return Collections.unmodifiableList(window.subList(Math.max(0, answerEnd - count), answerEnd));
    }

    /**
     * The closed bars with {@code fromMs <= ts_ms < toMs}, oldest first. ({@code fromMs} and {@code toMs}
     * are longs: with two int arguments Java picks the count overload.)
     */
    public List<Kline> bars(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("toMs must be above fromMs, got " + fromMs + " and " + toMs);
        }
        List<Kline> cached = cache.closedBetween(symbol, timeframe, fromMs, toMs);
        if (cached != null) {
            return cached;
        }
        List<Kline> fetched = new ArrayList<>();
        List<Kline> bars = closedBetween(cache.snapshot(symbol, timeframe), symbol, timeframe, fromMs, toMs, fetched);
        cache.applyHistory(symbol, timeframe, fetched, fromMs, settled(toMs, timeframe));
        return Collections.unmodifiableList(bars);
    }

    /**
     * The closed bars of {@code [fromMs, toMs)}: the part the snapshot covers from it, the rest from
     * history (those bars also added to {@code fetched}).
     */
    private List<Kline> closedBetween(BarCache.Snapshot known, String symbol, Timeframe timeframe, long fromMs, long toMs,
            List<Kline> fetched) {
        long knownFrom = Math.max(fromMs, known.coveredFrom);
        long knownTo = Math.min(toMs, known.coveredTo);
        if (knownFrom >= knownTo) { // the snapshot knows none of it
            List<Kline> bars = history.klines(symbol, timeframe, fromMs, toMs);
            fetched.addAll(bars);
            return bars;
        }
        List<Kline> before = knownFrom > fromMs ? history.klines(symbol, timeframe, fromMs, knownFrom) : List.of();
        List<Kline> after = knownTo < toMs ? history.klines(symbol, timeframe, knownTo, toMs) : List.of();
        fetched.addAll(before);
        fetched.addAll(after);
        List<Kline> bars = new ArrayList<>(before);
        bars.addAll(known.closedBetween(knownFrom, knownTo));
        bars.addAll(after);
        return bars;
    }

    /**
     * {@code toMs}, or less if history may still lack bars that close that late (the settle time). Bars
     * open on multiples of the timeframe, so the bound is rounded up to one: it then reaches the open
     * time a live subscription's coverage starts at, and the two join (without it they stayed apart
     * until a miss a settle time into the second bar, and each miss replaced the other's coverage).
     */
    private long settled(long toMs, Timeframe timeframe) {
        long settledBefore = clock.getAsLong() - settings.settleTime().toMillis() - timeframe.millis() + 1;
        return Math.min(toMs, -Math.floorDiv(-settledBefore, timeframe.millis()) * timeframe.millis());
    }
}
