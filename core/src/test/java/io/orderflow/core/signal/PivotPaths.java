package io.orderflow.core.signal;

/**
 * A hand-made path of 1m bars for pivots and divergences with one bar each side (N = 1):
 *
 * <pre>
 *   bar  high   low   cvd   (taker delta)
 *    0   101    99     1    +1
 *    1   105   100     6    +5   swing high (105 > 101, 103)
 *    2   103    98     2    −4   swing low  (98 < 100, 99)
 *    3   104    99     3    +1
 *    4   107   102     1    −2   swing high: price 107 > 105, CVD 1 < 6      → bearish divergence
 *    5   106    97     4    +3   swing low:  price 97 < 98,   CVD 4 > 2      → bullish divergence
 *    6   108    99     5    +1   swing high: price 108 > 107, CVD 5 > 1      → none
 *    7   104   100     8    +3
 *    8   103    98.5   2    −6   swing low:  price 98.5 > 97, CVD 2 < 4      → hidden bullish
 *    9   106   100     6    +4   swing high: price 106 < 108, CVD 6 > 5      → hidden bearish
 *   10   105   101     5    −1
 * </pre>
 */
public final class PivotPaths {

    public static final double[] HIGH = {101, 105, 103, 104, 107, 106, 108, 104, 103, 106, 105};
    public static final double[] LOW = {99, 100, 98, 99, 102, 97, 99, 100, 98.5, 100, 101};
    public static final double[] CVD = {1, 6, 2, 3, 1, 4, 5, 8, 2, 6, 5};
    public static final double[] DELTA = {1, 5, -4, 1, -2, 3, 1, 3, -6, 4, -1};

    private PivotPaths() {}
}
