package io.orderflow.signal;

import io.orderflow.model.MarketNotice;

/**
 * Divergences between price and CVD at confirmed swing pivots, each pivot compared with the previous
 * pivot of its kind (high with high, low with low) if that one is recent enough:
 *
 * <pre>
 *   swing highs: price higher, CVD lower  → bearish_divergence         (buying did not carry the high)
 *                price lower,  CVD higher → hidden_bearish_divergence
 *   swing lows:  price lower,  CVD higher → bullish_divergence         (selling did not carry the low)
 *                price higher, CVD lower  → hidden_bullish_divergence
 * </pre>
 *
 * Equal prices or equal CVDs are no divergence. A Flink POJO, kept in keyed state.
 */
public class DivergenceDetector {

    /** What a divergence compares: the previous pivot of the same kind and the new one. */
    public record Divergence(String type, Pivot previous, Pivot current) {}

    public boolean hasHigh;
    public long highTimeMs;
    public double highPrice;
    public double highCvd;
    public boolean hasLow;
    public long lowTimeMs;
    public double lowPrice;
    public double lowCvd;

    /**
     * Compares {@code pivot} with the previous one of its kind no more than {@code lookbackMs} earlier,
     * then remembers it.
     *
     * @return the divergence, or null
     */
    public Divergence onPivot(Pivot pivot, long lookbackMs) {
        Divergence divergence = null;
        if (pivot.high()) {
            if (hasHigh && pivot.barTimeMs() - highTimeMs <= lookbackMs) {
                Pivot previous = new Pivot(true, highTimeMs, highPrice, highCvd);
                divergence = classify(previous, pivot,
                        MarketNotice.BEARISH_DIVERGENCE, MarketNotice.HIDDEN_BEARISH_DIVERGENCE);
            }
            hasHigh = true;
            highTimeMs = pivot.barTimeMs();
            highPrice = pivot.price();
            highCvd = pivot.cvd();
        } else {
            if (hasLow && pivot.barTimeMs() - lowTimeMs <= lookbackMs) {
                Pivot previous = new Pivot(false, lowTimeMs, lowPrice, lowCvd);
                divergence = classify(previous, pivot,
                        MarketNotice.HIDDEN_BULLISH_DIVERGENCE, MarketNotice.BULLISH_DIVERGENCE);
            }
            hasLow = true;
            lowTimeMs = pivot.barTimeMs();
            lowPrice = pivot.price();
            lowCvd = pivot.cvd();
        }
        return divergence;
    }

    /**
     * @param priceUpCvdDown the type when price rose and CVD fell between the two pivots
     * @param priceDownCvdUp the type when price fell and CVD rose
     */
    private static Divergence classify(Pivot previous, Pivot current, String priceUpCvdDown, String priceDownCvdUp) {
        double price = Math.signum(current.price() - previous.price());
        double cvd = Math.signum(current.cvd() - previous.cvd());
        if (price > 0 && cvd < 0) {
            return new Divergence(priceUpCvdDown, previous, current);
        }
        if (price < 0 && cvd > 0) {
            return new Divergence(priceDownCvdUp, previous, current);
        }
        return null;
    }
}
