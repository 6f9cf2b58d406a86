package io.orderflow.core.book;

import java.util.Arrays;

/**
 * One side of an order book: price levels in two parallel primitive arrays, kept sorted so that the
 * best level is the <em>last</em> element.
 *
 * <p>Why this layout: nearly all updates land at or near the touch, so inserting or removing there
 * shifts only the few elements behind it, and the top K are simply the last K elements: reading
 * them after every diff costs O(K) with no sorting, no boxing and no iterator. Levels are found by
 * binary search. Asks are stored under the key {@code -price} so that both sides sort ascending
 * towards their best price; negating a double is exact, so prices come back unchanged.
 */
final class BookSide {

    private static final int INITIAL_CAPACITY = 1024;

    /** +1 for bids (best = highest price), -1 for asks (best = lowest price). */
    private final double keySign;

    private double[] keys = new double[INITIAL_CAPACITY];
    private double[] qtys = new double[INITIAL_CAPACITY];
    private int size;

    private BookSide(double keySign) {
        this.keySign = keySign;
    }

    static BookSide bids() {
        return new BookSide(1.0);
    }

    static BookSide asks() {
        return new BookSide(-1.0);
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Sets the quantity at {@code price}; a quantity of 0 removes the level. */
    void set(double price, double qty) {
        double key = keySign * price;
        int at = Arrays.binarySearch(keys, 0, size, key);
        if (at >= 0) {
            if (qty == 0.0) {
                System.arraycopy(keys, at + 1, keys, at, size - at - 1);
                System.arraycopy(qtys, at + 1, qtys, at, size - at - 1);
                size--;
            } else {
                qtys[at] = qty;
            }
        } else if (qty != 0.0) {
            insert(-at - 1, key, qty);
        }
    }

    /**
     * Copies the best {@code prices.length} levels, best first, into {@code prices}/{@code qtys};
     * levels the side does not have are set to 0 (the zero padding of {@code BookTop}).
     */
    void copyTop(double[] prices, double[] qtys) {
        for (int level = 0; level < prices.length; level++) {
            int at = size - 1 - level;
            prices[level] = at >= 0 ? keySign * keys[at] : 0.0;
            qtys[level] = at >= 0 ? this.qtys[at] : 0.0;
        }
    }

    private void insert(int at, double key, double qty) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, 2 * size);
            qtys = Arrays.copyOf(qtys, 2 * size);
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(qtys, at, qtys, at + 1, size - at);
        keys[at] = key;
        qtys[at] = qty;
        size++;
    }
}
