package io.orderflow.core.signal;

import io.orderflow.core.model.BookTop;

/** Hand-made books for tests: {@code book(bids, bidQtys, asks, askQtys)}. */
public final class Books {

    private Books() {}

    public static BookTop book(double[] bids, double[] bidQtys, double[] asks, double[] askQtys) {
        return book("BTCUSDT", 0L, bids, bidQtys, asks, askQtys);
    }

    public static BookTop book(String symbol, long timeMs, double[] bids, double[] bidQtys, double[] asks, double[] askQtys) {
        return new BookTop(symbol, timeMs, timeMs, timeMs + 5, timeMs, bids, bidQtys, asks, askQtys);
    }

    /** A one-level book. */
    public static BookTop top(double bid, double bidQty, double ask, double askQty) {
        return book(new double[] {bid}, new double[] {bidQty}, new double[] {ask}, new double[] {askQty});
    }

    public static double[] d(double... values) {
        return values;
    }
}
