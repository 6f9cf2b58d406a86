package io.orderflow.tools.strategy;

import java.time.Instant;
import java.util.Locale;

/**
 * The example strategy's rule, without I/O: BUY when the fast moving average of the closes crosses
 * above the slow one and the order flow agrees (fusion score above zero), SELL on the cross below
 * with a fusion score below zero, HOLD otherwise. A cross compares the last bar with the one before,
 * so it needs {@code slow + 1} closes.
 */
public final class MovingAverageCross {

    public enum Action { BUY, SELL, HOLD }

    /** One decision, printed as one line ({@link #toString()}). Times in epoch ms UTC; MAs NaN without enough bars. */
    public record Decision(long timeMs, String symbol, Action action, double fastMa, double slowMa, double fusionScore,
            String why) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %-9s %-4s fast %12.4f slow %12.4f fusion %+6.2f  %s",
                    Instant.ofEpochMilli(timeMs), symbol, action, fastMa, slowMa, fusionScore, why);
        }
    }

    private final int fast;
    private final int slow;

    public MovingAverageCross(int fast, int slow) {
        if (fast < 1 || slow <= fast) {
            throw new IllegalArgumentException("need 1 <= fast < slow, got " + fast + " and " + slow);
        }
        this.fast = fast;
        this.slow = slow;
    }

    /** Closes a decision needs: the slow average now and one bar before. */
    public int barsNeeded() {
        return slow + 1;
    }

    /**
     * The decision at {@code timeMs} on {@code closes} (oldest first, the last bar's last) and the latest
     * fusion score (NaN when none has come yet).
     */
    public Decision decide(String symbol, long timeMs, double[] closes, double fusion) {
        int n = closes.length;
        if (n < barsNeeded()) {
            return new Decision(timeMs, symbol, Action.HOLD, Double.NaN, Double.NaN, fusion,
                    n + " of the " + barsNeeded() + " bars needed");
        }
        double fastNow = mean(closes, n - fast, n);
        double slowNow = mean(closes, n - slow, n);
        double fastBefore = mean(closes, n - 1 - fast, n - 1);
        double slowBefore = mean(closes, n - 1 - slow, n - 1);
        int now = Double.compare(fastNow, slowNow);
        int before = Double.compare(fastBefore, slowBefore);
        Action action = Action.HOLD;
        String why;
        if (now > 0 && before <= 0) {
            why = "fast crossed above slow, " + agreement(fusion, fusion > 0);
            action = fusion > 0 ? Action.BUY : Action.HOLD;
        } else if (now < 0 && before >= 0) {
            why = "fast crossed below slow, " + agreement(fusion, fusion < 0);
            action = fusion < 0 ? Action.SELL : Action.HOLD;
        } else {
            why = "no cross, fast " + (now > 0 ? "above" : now < 0 ? "below" : "equal to") + " slow";
        }
        return new Decision(timeMs, symbol, action, fastNow, slowNow, fusion, why);
    }

    private static String agreement(double fusion, boolean agrees) {
        return Double.isNaN(fusion) ? "no fusion score yet" : agrees ? "order flow agrees" : "order flow does not";
    }

    /** The mean of {@code values[from..to)}, summed oldest first. */
    static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
