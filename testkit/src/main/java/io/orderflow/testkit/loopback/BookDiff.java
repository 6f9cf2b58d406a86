package io.orderflow.testkit.loopback;

/**
 * The book changes of one diff window, each level at its quantity at the end of the window.
 *
 * @param firstUpdateId Binance {@code U}
 * @param lastUpdateId Binance {@code u}
 * @param transactTimeMs when the last change happened (futures {@code T})
 */
record BookDiff(long firstUpdateId, long lastUpdateId, long transactTimeMs, BookLevels levels) {}
