package org.perfregression.stats;

import org.apache.commons.numbers.gamma.RegularizedBeta;

/**
 * Fisher's F distribution with {@code d1} and {@code d2} degrees of freedom: the ratio of two
 * variance estimates, for asking whether one varies more (or less) than the other explains.
 */
public final class FisherF {

    private FisherF() {
    }

    /** {@code P(F <= f)}, through the regularized incomplete beta function; 0 for {@code f <= 0}. */
    public static double cdf(double f, double d1, double d2) {
        if (!(d1 > 0 && d2 > 0) || Double.isInfinite(d1) || Double.isInfinite(d2)) {
            throw new IllegalArgumentException("F needs finite degrees of freedom > 0, got " + d1 + " and " + d2);
        }
        if (!(f > 0)) {
            return 0;
        }
        return Double.isInfinite(f) ? 1 : RegularizedBeta.value(d1 * f / (d1 * f + d2), d1 / 2, d2 / 2);
    }
}
