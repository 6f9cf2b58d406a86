package io.orderflow.testkit.loopback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-symbol event rates shaped like a real exchange's: a few busy symbols and a long quiet tail.
 * Binance's symbols, ranked by activity, fall off roughly as a power of their rank (Zipf's law).
 */
public final class SymbolRates {

    private SymbolRates() {}

    /**
     * The {@code k}-th symbol (from 1, in list order) at {@code topRate / k^exponent} events per
     * second: exponent 0 gives every symbol {@code topRate}; 1 gives 500 symbols together about 6.8
     * times the busiest one's rate, the 500th at a 500th of it.
     */
    public static Map<String, Double> zipf(List<String> symbols, double topRate, double exponent) {
        if (!(topRate > 0) || !(exponent >= 0)) {
            throw new IllegalArgumentException("need a positive top rate and an exponent >= 0, got " + topRate
                    + " and " + exponent);
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int rank = 1; rank <= symbols.size(); rank++) {
            rates.put(symbols.get(rank - 1), topRate / Math.pow(rank, exponent));
        }
        return rates;
    }

    /** The sum of the rates: what the whole market sends, in events per second. */
    public static double total(Map<String, Double> rates) {
        return rates.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
