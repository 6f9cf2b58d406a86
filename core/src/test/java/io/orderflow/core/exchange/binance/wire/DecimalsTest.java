package io.orderflow.core.exchange.binance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The char-buffer decimal parser must give exactly {@link Double#parseDouble}'s value, or refuse. */
class DecimalsTest {

    private static double parse(String text) {
        char[] padded = ("xx" + text + "yy").toCharArray(); // offsets into a larger buffer, as Jackson's
        return Decimals.parse(padded, 2, text.length());
    }

    @Test
    void binanceStylePricesAndQuantities() {
        for (String text : new String[] {"61837.63000000", "0.00000638", "0.35130000", "6195.00000000", "7.6110",
                "10", "0", "0.00000000", "1000000.00000000", "-0.35280000", "332200000", "0.1", "0.3"}) {
            assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void randomDecimalsMatchParseDoubleBitForBit() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            long unscaled = random.nextLong(1L << random.nextInt(1, 63));
            String text = new BigDecimal(BigInteger.valueOf(unscaled), random.nextInt(0, 26)).toPlainString();
            if (Double.doubleToRawLongBits(parse(text)) != Double.doubleToRawLongBits(Double.parseDouble(text))) {
                mismatches.add(text);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void manySignificantDigitsFallBackToTheExactPath() {
        for (String text : new String[] {"12345678901234567890.5", "0.000000000000000000000000123",
                "9007199254740993", "9007199254740992.5", "0.12345678901234567890123"}) {
            assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void onlyPlainDecimalsAreAccepted() {
        for (String text : new String[] {"", "-", ".", "1.", ".5", "NaN", "Infinity", "-Infinity", "1e5", "1E5",
                "0x1p3", "1d", "1f", "+1", " 1", "1 ", "1.2.3", "--1", "1,5"}) {
            assertThat(parse(text)).as("'%s'", text).isNaN();
        }
    }
}
