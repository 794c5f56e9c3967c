package org.perfregression.stats;

import org.apache.commons.numbers.gamma.RegularizedBeta;

/**
 * Student's t distribution with {@code df} degrees of freedom (any positive real): tail
 * probabilities through the regularized incomplete beta function, quantiles by bisection on them.
 */
public final class StudentT {

    private StudentT() {
    }

    /** {@code P(|T| >= |t|)}: the two-sided p-value of a t statistic. */
    public static double twoSidedP(double t, double df) {
        requireDf(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        return RegularizedBeta.value(df / (df + t * t), df / 2, 0.5);
    }

    /** {@code P(T >= t)}: the upper tail. */
    public static double upperP(double t, double df) {
        double half = twoSidedP(t, df) / 2;
        return t >= 0 ? half : 1 - half;
    }

    /** The {@code q}-quantile, {@code 0 < q < 1}: the t with {@code P(T <= t) = q}. */
    public static double quantile(double q, double df) {
        requireDf(df);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile needs 0 < q < 1, got " + q);
        }
        if (q == 0.5) {
            return 0.0;
        }
        double upper = q > 0.5 ? 1 - q : q; // the tail to hit, on the positive side
        double lo = 0;
        double hi = 1;
        while (upperP(hi, df) > upper) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (upperP(mid, df) > upper) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = (lo + hi) / 2;
        return q > 0.5 ? t : -t;
    }

    private static void requireDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be positive and finite, got " + df);
        }
    }
}
