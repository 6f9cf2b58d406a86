package io.orderflow.core.exchange.binance.wire;

/**
 * Parses Binance's decimal strings ({@code "61837.63000000"}) straight out of the JSON parser's
 * character buffer, without the intermediate {@code String} that {@link Double#parseDouble} needs.
 *
 * <p>Only plain decimals are accepted ({@code -?digits(.digits)?}): Binance sends nothing else, and
 * refusing exponents, hex, {@code "NaN"} or {@code "Infinity"} here is what makes such values
 * malformed rather than silently accepted.
 */
final class Decimals {

    /** What {@link #parse} returns for text that is not a plain decimal (a valid one never parses to NaN). */
    static final double NOT_A_DECIMAL = Double.NaN;

    // Clinger's fast path: an integer of at most 53 bits divided by an exactly representable power of
    // ten (10^0..10^22) is a single correctly rounded IEEE operation, so the result equals parseDouble's.
    // Binance's zero padding ("61837.63000000") stays well inside 53 bits, so it is not stripped.
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final int MAX_LONG_DIGITS = 18; // any 18 digits fit a long without overflow
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    private Decimals() {}

    static double parse(char[] text, int offset, int length) {
        int end = offset + length;
        boolean negative = length > 0 && text[offset] == '-';
        int start = negative ? offset + 1 : offset;
        int dot = -1;
        long mantissa = 0;
        for (int i = start; i < end; i++) {
            int digit = text[i] - '0';
            if (digit >= 0 && digit <= 9) {
                mantissa = mantissa * 10 + digit; // wraps past 18 digits: then unused
            } else if (text[i] == '.' && dot < 0) {
                dot = i;
            } else {
                return NOT_A_DECIMAL;
            }
        }
        int integerDigits = (dot < 0 ? end : dot) - start;
        int scale = dot < 0 ? 0 : end - dot - 1;
        if (integerDigits == 0 || (dot >= 0 && scale == 0)) {
            return NOT_A_DECIMAL;
        }
        if (integerDigits + scale > MAX_LONG_DIGITS || mantissa > MAX_EXACT_MANTISSA
                || scale >= POWERS_OF_TEN.length) {
            return Double.parseDouble(new String(text, offset, length)); // rare: over 15 significant digits
        }
        double value = mantissa / POWERS_OF_TEN[scale];
        return negative ? -value : value;
    }
}
