package org.perfregression.stats;

import java.util.Arrays;

/**
 * The Benjamini-Hochberg step-up procedure (1995): among {@code m} tests, reject every hypothesis
 * whose p-value is at most the largest {@code p(k)} with {@code p(k) <= k q / m} ({@code p(k)} the
 * k-th smallest). The expected share of false rejections among all rejections is then at most
 * {@code q} for independent tests; when every hypothesis is true, the chance of any rejection is at
 * most {@code q}.
 */
public final class FalseDiscoveryRate {

    private FalseDiscoveryRate() {
    }

    /**
     * The largest p-value rejected at false discovery rate {@code q}, or NaN when none is (so that
     * {@code p <= threshold} is false for every p).
     *
     * @throws IllegalArgumentException if {@code q} is not in (0, 1) or a p-value is not in [0, 1]
     */
    public static double threshold(double[] pValues, double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("the false discovery rate must be between 0 and 1 (exclusive), got " + q);
        }
        double[] sorted = pValues.clone();
        Arrays.sort(sorted);
        for (double p : sorted) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a p-value must be in [0, 1], got " + p);
            }
        }
        int m = sorted.length;
        for (int k = m; k >= 1; k--) {
            if (sorted[k - 1] <= k * q / m) {
                return sorted[k - 1];
            }
        }
        return Double.NaN;
    }
}
