package io.orderflow.client;

/** The decoded values of one row, at the positions of its schema's columns; reused row after row. */
final class RowValues {

    private static final int MAX_COLUMNS = 16;

    final long[] longs = new long[MAX_COLUMNS];
    final double[] doubles = new double[MAX_COLUMNS];
    final Object[] objects = new Object[MAX_COLUMNS];

    long longAt(int column) {
        return longs[column];
    }

    double doubleAt(int column) {
        return doubles[column];
    }

    boolean bool(int column) {
        return longs[column] != 0;
    }

    String text(int column) {
        return (String) objects[column];
    }

    Timeframe timeframe(int column) {
        return (Timeframe) objects[column];
    }
}
