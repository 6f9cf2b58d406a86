package io.orderflow.core.market;

/**
 * One side of the simulated book: up to {@code capacity} price levels, best first, each with a
 * positive quantity. Prices are in ticks, quantities in lots.
 *
 * <p>The side only knows which way is "away" from the touch (up for asks, down for bids); what
 * happens to it is decided by {@link MarketSimulator}.
 */
final class SimulatedBookSide {

    private final int away;
    private final long[] priceTicks;
    private final long[] lots;
    private int depth;

    /** Where the last vanished level was, so an emptied side can refill from there. */
    private long lastVanishedTicks;

    private SimulatedBookSide(int away, int capacity) {
        this.away = away;
        this.priceTicks = new long[capacity];
        this.lots = new long[capacity];
    }

    static SimulatedBookSide bids(int capacity) {
        return new SimulatedBookSide(-1, capacity);
    }

    static SimulatedBookSide asks(int capacity) {
        return new SimulatedBookSide(1, capacity);
    }

    int depth() {
        return depth;
    }

    boolean isFull() {
        return depth == priceTicks.length;
    }

    long priceTicks(int level) {
        return priceTicks[level];
    }

    long lots(int level) {
        return lots[level];
    }

    /** The price {@code ticks} further from the touch than {@code price}. */
    long awayFrom(long price, long ticks) {
        return price + away * ticks;
    }

    /**
     * Places a level behind the last one (behind the last vanished one if the side is empty); a bid
     * that would reach price zero is not placed.
     */
    void appendBehind(long gapTicks, long quantity) {
        if (isFull()) {
            return;
        }
        long price = awayFrom(depth == 0 ? lastVanishedTicks : priceTicks[depth - 1], gapTicks);
        if (price <= 0) {
            return;
        }
        priceTicks[depth] = price;
        lots[depth] = quantity;
        depth++;
    }

    /** Starts an empty side with its best level at {@code price}. */
    void open(long price, long quantity) {
        depth = 1;
        priceTicks[0] = price;
        lots[0] = quantity;
    }

    void add(int level, long quantity) {
        lots[level] += quantity;
    }

    /** A new best level in front of the current one; the deepest level falls out of view if full. */
    void improve(long price, long quantity) {
        int kept = isFull() ? depth - 1 : depth;
        System.arraycopy(priceTicks, 0, priceTicks, 1, kept);
        System.arraycopy(lots, 0, lots, 1, kept);
        priceTicks[0] = price;
        lots[0] = quantity;
        depth = kept + 1;
    }

    /**
     * Takes up to {@code quantity} from a level and returns how much it took; a level taken to zero
     * disappears and the levels behind move up.
     */
    long take(int level, long quantity) {
        long taken = Math.min(quantity, lots[level]);
        lots[level] -= taken;
        if (lots[level] == 0) {
            lastVanishedTicks = priceTicks[level];
            System.arraycopy(priceTicks, level + 1, priceTicks, level, depth - level - 1);
            System.arraycopy(lots, level + 1, lots, level, depth - level - 1);
            depth--;
        }
        return taken;
    }

    /** Writes the side into K-long arrays, zero-padding the levels it does not have. */
    void copyTo(double[] prices, double[] quantities, SymbolProfile profile) {
        for (int level = 0; level < prices.length; level++) {
            boolean present = level < depth;
            prices[level] = present ? profile.price(priceTicks[level]) : 0.0;
            quantities[level] = present ? profile.qty(lots[level]) : 0.0;
        }
    }
}
