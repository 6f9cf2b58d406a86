package io.orderflow.core.signal;

import io.orderflow.core.model.MarketNotice;

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

    /** The last confirmed swing high and swing low; null until there is one. */
    public Pivot lastHigh;
    public Pivot lastLow;

    /**
     * Compares {@code pivot} with the previous one of its kind no more than {@code lookbackMs} earlier,
     * then remembers it.
     *
     * @return the divergence, or null
     */
    public Divergence onPivot(Pivot pivot, long lookbackMs) {
        Pivot previous = pivot.high() ? lastHigh : lastLow;
        if (pivot.high()) {
            lastHigh = pivot;
        } else {
            lastLow = pivot;
        }
        if (previous == null || pivot.barTimeMs() - previous.barTimeMs() > lookbackMs) {
            return null;
        }
        return pivot.high()
                ? classify(previous, pivot, MarketNotice.BEARISH_DIVERGENCE, MarketNotice.HIDDEN_BEARISH_DIVERGENCE)
                : classify(previous, pivot, MarketNotice.HIDDEN_BULLISH_DIVERGENCE, MarketNotice.BULLISH_DIVERGENCE);
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
