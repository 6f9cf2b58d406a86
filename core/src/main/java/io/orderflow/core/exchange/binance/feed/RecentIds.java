package io.orderflow.core.exchange.binance.feed;

import java.util.Arrays;

/**
 * The trade ids of one symbol already emitted, to drop duplicates (a trade seen live and in a
 * back-fill, or twice around a reconnect): every id within {@code capacity} of the newest one added,
 * plus a horizon at or below which every id counts as seen. Ids only grow, so an id that far behind
 * the newest is old news; after a restore, the horizon is the last id emitted before it.
 *
 * <p>One bit per id of the window, in a ring: 12.5 KB for the default 100,000 ids, whatever the
 * symbol's rate. (A map of boxed ids took about 64 bytes an id, 6.4 MB per symbol once full: at
 * hundreds of symbols, gigabytes of old-generation entries that every young collection had to scan
 * the new links into.)
 */
public final class RecentIds {

    private final int capacity;
    private final long[] bits;
    private final int slots;
    /** The newest id added, or {@link Long#MIN_VALUE} before the first. */
    private long newest = Long.MIN_VALUE;
    private long horizon;

    /** @param horizon ids at or below it count as seen; -1 for none */
    public RecentIds(int capacity, long horizon) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.bits = new long[(capacity + 63) / 64];
        this.slots = bits.length * 64;
        this.horizon = horizon;
    }

    public boolean contains(long id) {
        if (id <= horizon) {
            return true;
        }
        return id <= newest && (bits[word(id)] & mask(id)) != 0;
    }

    public void add(long id) {
        if (id <= horizon) {
            return;
        }
        if (id > newest) {
            clearAfterNewest(id);
            newest = id;
            horizon = Math.max(horizon, id - capacity);
        }
        bits[word(id)] |= mask(id);
    }

    /** The window moves up to {@code id}: the slots of the ids skipped held ids a ring's length older. */
    private void clearAfterNewest(long id) {
        if (newest == Long.MIN_VALUE || id - newest >= slots) {
            Arrays.fill(bits, 0);
            return;
        }
        for (long skipped = newest + 1; skipped <= id; skipped++) {
            bits[word(skipped)] &= ~mask(skipped);
        }
    }

    private int word(long id) {
        return (int) (Math.floorMod(id, (long) slots) >>> 6);
    }

    private static long mask(long id) {
        return 1L << (id & 63); // shifts use the low 6 bits, which floorMod by a multiple of 64 keeps
    }
}
