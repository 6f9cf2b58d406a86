package io.orderflow.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bars per (symbol, timeframe), ordered by open time, at most {@code barsPerKey} closed ones of each
 * besides the forming one, the oldest dropped first (so {@code bars(symbol, tf, barsPerKey)} is a hit on
 * a live connection). Live updates and history go through the same rules: the forming bar (only ever the
 * newest) is replaced by each update of it and then by its closed version; a closed bar that is held
 * already is a duplicate; a forming update for a bar that has closed, or older than a bar held, is stale.
 *
 * <p>Each key also knows the range of open times over which it holds every bar that exists, its
 * <em>coverage</em> (bars are sparse: a minute without trades has none, so only a complete fetch
 * says there is nothing in between). A lookup inside the coverage is a hit, anything else a miss.
 *
 * <p>Threading: writers of a key take its lock and publish a new immutable snapshot (copy on write);
 * readers take the current snapshot without a lock, so they never wait and never see a bar half
 * updated. The lists returned are read-only views of a snapshot, never changed afterwards.
 */
public final class BarCache {

    public static final int DEFAULT_BARS_PER_KEY = 1_000;

    /** What an update did. */
    public enum Change {
        /** A bar the cache did not hold. */
        ADDED,
        /** The forming bar, replaced by a newer version of itself or by its closed version. */
        REPLACED,
        /** A closed bar held already: ignored. */
        DUPLICATE,
        /** A forming update of a bar that has closed, or older than a bar held: ignored. */
        STALE
    }

    /** Keys, bars held over all keys, and the lookups answered from the cache (hits) or not (misses). */
    public record Stats(int keys, long bars, long hits, long misses) {}

    private final int barsPerKey;
    private final ConcurrentHashMap<Key, Series> series = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public BarCache() {
        this(DEFAULT_BARS_PER_KEY);
    }

    public BarCache(int barsPerKey) {
        if (barsPerKey < 1) {
            throw new IllegalArgumentException("bars per key must be positive, got " + barsPerKey);
        }
        this.barsPerKey = barsPerKey;
    }

    public int barsPerKey() {
        return barsPerKey;
    }

    /** A live update: a forming or a closed bar. */
    public Change apply(Kline bar) {
        Series s = series(bar.symbol(), bar.timeframe());
        synchronized (s) {
            List<Kline> bars = new ArrayList<>(Arrays.asList(s.snapshot.bars));
            Change change = insert(bars, bar);
            if (change == Change.ADDED || change == Change.REPLACED) {
                s.snapshot = trimmed(bars, s.snapshot.coveredFrom, s.snapshot.coveredTo);
            }
            return change;
        }
    }

    /**
     * Every closed bar of the key with {@code fromMs <= ts_ms < toMs}, as history has them: they are
     * added, and the range joins the coverage (or replaces it, when the two neither touch nor overlap).
     */
    public void applyHistory(String symbol, Timeframe timeframe, List<Kline> closedBars, long fromMs, long toMs) {
        Series s = series(symbol, timeframe);
        synchronized (s) {
            Snapshot old = s.snapshot;
            List<Kline> bars = new ArrayList<>(old.bars.length + closedBars.size());
            bars.addAll(Arrays.asList(old.bars));
            for (Kline bar : closedBars) {
                insert(bars, bar);
            }
            boolean joins = old.coveredFrom < old.coveredTo && old.coveredTo >= fromMs && toMs >= old.coveredFrom;
            s.snapshot = toMs <= fromMs ? trimmed(bars, old.coveredFrom, old.coveredTo) // no range: bars only
                    : joins
                    ? trimmed(bars, Math.min(old.coveredFrom, fromMs), Math.max(old.coveredTo, toMs))
                    : trimmed(bars, fromMs, toMs);
        }
    }

    /** The newest {@code n} bars held, oldest first, the forming bar last if there is one. */
    public List<Kline> last(String symbol, Timeframe timeframe, int n) {
        Kline[] bars = snapshot(symbol, timeframe).bars;
        return view(bars, Math.max(0, bars.length - n), bars.length);
    }

    /**
     * The newest {@code count} closed bars opened before {@code toMs}, oldest first, when the cache knows
     * every bar from the first of them to {@code toMs} (a hit); null otherwise (a miss).
     */
    public List<Kline> lastClosed(String symbol, Timeframe timeframe, int count, long toMs) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        Snapshot s = snapshot(symbol, timeframe);
        int end = s.closedBefore(toMs);
        int start = Math.max(0, end - count);
        long needFrom = end - start == count ? s.bars[start].tsMs() : 0; // fewer exist only if known from the start of time
        return counted(s.covers(needFrom, toMs) ? view(s.bars, start, end) : null);
    }

    /** The closed bars with {@code fromMs <= ts_ms < toMs} when the cache knows that whole range (a hit); null otherwise. */
    public List<Kline> closedBetween(String symbol, Timeframe timeframe, long fromMs, long toMs) {
        Snapshot s = snapshot(symbol, timeframe);
        return counted(s.covers(fromMs, toMs) ? s.closedBetween(fromMs, toMs) : null);
    }

    public int size(String symbol, Timeframe timeframe) {
        return snapshot(symbol, timeframe).bars.length;
    }

    public Stats stats() {
        long bars = 0;
        for (Series s : series.values()) {
            bars += s.snapshot.bars.length;
        }
        return new Stats(series.size(), bars, hits.sum(), misses.sum());
    }

    /** The key's current state, for a caller that fills a miss from history. */
    Snapshot snapshot(String symbol, Timeframe timeframe) {
        Series s = series.get(new Key(symbol.toUpperCase(Locale.ROOT), timeframe));
        return s == null ? Snapshot.EMPTY : s.snapshot;
    }

    private List<Kline> counted(List<Kline> answer) {
        (answer != null ? hits : misses).increment();
        return answer;
    }

    private Series series(String symbol, Timeframe timeframe) {
        return series.computeIfAbsent(new Key(symbol.toUpperCase(Locale.ROOT), timeframe), k -> new Series());
    }

    /** Inserts a bar into bars sorted by open time, by the rules of the class comment. */
    private static Change insert(List<Kline> bars, Kline bar) {
        int i = firstAtOrAfter(bars, bar.tsMs());
        if (i < bars.size() && bars.get(i).tsMs() == bar.tsMs()) {
            if (bars.get(i).closed()) {
                return bar.closed() ? Change.DUPLICATE : Change.STALE;
            }
            bars.set(i, bar);
            return Change.REPLACED;
        }
        if (!bar.closed() && i < bars.size()) {
            return Change.STALE;
        }
        bars.add(i, bar);
        // A forming bar before the new one never got its closed version here: it is not a bar to keep.
        if (i > 0 && !bars.get(i - 1).closed()) {
            bars.remove(i - 1);
        }
        return Change.ADDED;
    }

    /** The bars, the oldest beyond the capacity dropped, and the coverage shrunk past what was dropped. */
    private Snapshot trimmed(List<Kline> bars, long coveredFrom, long coveredTo) {
        boolean forming = !bars.isEmpty() && !bars.get(bars.size() - 1).closed();
        int drop = Math.max(0, bars.size() - barsPerKey - (forming ? 1 : 0));
        long from = drop == 0 ? coveredFrom : Math.max(coveredFrom, bars.get(drop - 1).tsMs() + 1);
        Kline[] kept = bars.subList(drop, bars.size()).toArray(new Kline[0]);
        return from < coveredTo ? new Snapshot(kept, from, coveredTo) : new Snapshot(kept, 0, 0);
    }

    /** The index of the first bar opened at or after {@code tsMs} in bars sorted by open time. */
    static int firstAtOrAfter(List<Kline> bars, long tsMs) {
        int low = 0;
        int high = bars.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (bars.get(mid).tsMs() < tsMs) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static List<Kline> view(Kline[] bars, int from, int to) {
        return Collections.unmodifiableList(Arrays.asList(bars).subList(from, to));
    }

    private record Key(String symbol, Timeframe timeframe) {}

    private static final class Series {
        volatile Snapshot snapshot = Snapshot.EMPTY;
    }

    /**
     * A key's bars at one moment, never changed once published: sorted by open time, a forming bar
     * only last; every bar with {@code coveredFrom <= ts_ms < coveredTo} held (an empty range: none known).
     */
    static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(new Kline[0], 0, 0);

        final Kline[] bars;
        final long coveredFrom;
        final long coveredTo;

        Snapshot(Kline[] bars, long coveredFrom, long coveredTo) {
            this.bars = bars;
            this.coveredFrom = coveredFrom;
            this.coveredTo = coveredTo;
        }

        boolean covers(long fromMs, long toMs) {
            return coveredFrom < coveredTo && coveredFrom <= fromMs && toMs <= coveredTo;
        }

        int firstAtOrAfter(long tsMs) {
            return BarCache.firstAtOrAfter(Arrays.asList(bars), tsMs);
        }

        /** The end of the closed bars opened before {@code tsMs}: the forming bar is left out. */
        int closedBefore(long tsMs) {
            int end = firstAtOrAfter(tsMs);
            return end > 0 && !bars[end - 1].closed() ? end - 1 : end;
        }

        /** The closed bars with {@code fromMs <= ts_ms < toMs}. */
        List<Kline> closedBetween(long fromMs, long toMs) {
            int first = firstAtOrAfter(fromMs);
            return view(bars, first, Math.max(first, closedBefore(toMs)));
        }
    }
}
