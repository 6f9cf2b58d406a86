package io.orderflow.core.testing;

import java.util.Arrays;

/**
 * Ordinary least squares of y on x with an intercept.
 *
 * @param beta the slope
 * @param correlation Pearson's correlation of x and y; R² is its square
 */
public record LinearFit(double beta, double correlation) {

    public static LinearFit of(double[] x, double[] y) {
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        return new LinearFit(sxy / sxx, sxy / Math.sqrt(sxx * syy));
    }

    /** The share of the variance of y the fit explains. */
    public double r2() {
        return correlation * correlation;
    }
}
