package io.orderflow.core.signal;

/**
 * A confirmed swing pivot of 1m bars.
 *
 * @param high a swing high (else a swing low)
 * @param barTimeMs open time of the pivot bar
 * @param price the bar's high (swing high) or low (swing low)
 * @param cvd cumulative taker delta at the close of the pivot bar
 */
public record Pivot(boolean high, long barTimeMs, double price, double cvd) {}
