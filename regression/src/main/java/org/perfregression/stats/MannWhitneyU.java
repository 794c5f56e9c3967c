package org.perfregression.stats;

import java.math.BigInteger;
import java.util.Arrays;
import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * The two-sided Mann-Whitney U test with the semantics of
 * {@code scipy.stats.mannwhitneyu(x, y, alternative="two-sided")} (scipy 1.17, default method).
 *
 * <p>U1 is the rank sum of {@code x} in the pooled sample (average ranks for ties) minus
 * {@code n1(n1+1)/2}; the test uses {@code U = max(U1, n1*n2 - U1)}.
 *
 * <ul>
 *   <li>{@link Method#AUTO} (scipy's default): exact when {@code min(n1, n2) <= 8} and the pooled
 *       sample has no tie at all, asymptotic otherwise.</li>
 *   <li>Exact: {@code p = 2 * P(U >= max(U1, U2))} under the null distribution, capped at 1. The
 *       null distribution is counted with exact integers (the coefficients of a Gaussian binomial,
 *       truncated at the tail that is needed), so memory grows with {@code min(U1, U2)} only and
 *       very unbalanced samples (5 against 10,000) stay cheap.</li>
 *   <li>Asymptotic: normal approximation with tie correction and continuity correction,
 *       {@code z = (U - n1*n2/2 - 0.5) / sqrt(n1*n2/12 * ((n+1) - sum(t^3-t)/(n(n-1))))},
 *       {@code p = 2 * sf(z)} capped at 1, every operation in scipy's order. When every value is
 *       identical the variance is zero and p is 1.</li>
 * </ul>
 *
 * <p>Instances are immutable; {@link #with(Method)} returns a configured copy.
 */
public final class MannWhitneyU {

    /** How the p-value is computed. */
    public enum Method {
        /** scipy's choice: exact for small samples without ties, asymptotic otherwise. */
        AUTO,
        /** The exact null distribution; only valid without ties. */
        EXACT,
        /** The normal approximation with tie and continuity corrections. */
        ASYMPTOTIC
    }

    /**
     * The exact distribution is counted up to U with one big integer per value of U: beyond this many
     * (about 150 MB) the memory would run out, so such a comparison is refused instead.
     */
    static final long MAX_EXACT_DEGREE = 2_000_000;

    /** scipy uses the exact distribution up to this size of the smaller sample. */
    public static final int EXACT_MAX_SMALLER_SIZE = 8;

    private static final double SQRT1_2 = Math.sqrt(0.5);
    private static final MannWhitneyU DEFAULT = new MannWhitneyU(Method.AUTO);

    private final Method method;

    private MannWhitneyU(Method method) {
        this.method = method;
    }

    /** The test as scipy runs it by default. */
    public static MannWhitneyU withDefaults() {
        return DEFAULT;
    }

    /** A copy that computes p with {@code method}. */
    public MannWhitneyU with(Method method) {
        return new MannWhitneyU(method);
    }

    /**
     * Tests {@code x} against {@code y}. Neither array is modified.
     *
     * @throws IllegalArgumentException if either sample is empty, or EXACT is asked for tied data
     */
    public MannWhitneyUResult test(double[] x, double[] y) {
        return testSorted(SampleStatistics.sortedCopy(x), SampleStatistics.sortedCopy(y));
    }

    /** As {@link #test}, for samples already in ascending order: saves the two sorts. */
    public MannWhitneyUResult testSorted(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples must be non-empty");
        }
        RankSums ranks = RankSums.of(x, y);
        double u1 = ranks.rankSumX() - n1 * (n1 + 1.0) / 2.0;
        double u2 = (double) n1 * n2 - u1;
        double u = Math.max(u1, u2);

        Method used = method;
        if (used == Method.AUTO) {
            boolean small = Math.min(n1, n2) <= EXACT_MAX_SMALLER_SIZE;
            used = small && !ranks.hasTies() ? Method.EXACT : Method.ASYMPTOTIC;
        }
        double p;
        if (used == Method.EXACT) {
            if (ranks.hasTies()) {
                throw new IllegalArgumentException("the exact distribution does not hold for tied data");
            }
            p = exactTwoSided((long) Math.min(u1, u2), Math.min(n1, n2), Math.max(n1, n2));
        } else {
            p = asymptoticTwoSided(u, n1, n2, ranks.tieTerm());
        }
        return new MannWhitneyUResult(u1, p, used);
    }

    private static double asymptoticTwoSided(double u, int n1, int n2, double tieTerm) {
        double mu = (double) n1 * n2 / 2;
        double n = (double) n1 + n2;
        double s = Math.sqrt((double) n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
        if (!(s > 0)) {
            return 1.0; // every value identical: no evidence of a difference
        }
        double numerator = u - mu;
        numerator -= 0.5;
        double z = numerator / s;
        double p = 2 * standardNormalSurvival(z);
        return Math.min(1.0, Math.max(0.0, p));
    }

    /** {@code ndtr(-z)} as cephes (and so scipy) evaluates it. */
    static double standardNormalSurvival(double z) {
        double x = -z * SQRT1_2;
        double absX = Math.abs(x);
        if (absX < SQRT1_2) {
            return 0.5 + 0.5 * Erf.value(x);
        }
        double y = 0.5 * Erfc.value(absX);
        return x > 0 ? 1 - y : y;
    }

    /**
     * {@code 2 * P(U <= uMin)} for samples of sizes m <= n without ties, capped at 1.
     *
     * <p>Under the null hypothesis every arrangement of the pooled ranks is equally likely; the
     * number of arrangements with {@code U = u} is the number of partitions of u into at most m parts
     * of at most n, the coefficient of q^u in the Gaussian binomial
     * {@code [n+m choose m]_q = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i)}. Both the multiplications
     * and the (exact) divisions only look at lower coefficients, so the polynomial is truncated at
     * degree uMin.
     */
    static double exactTwoSided(long uMin, int m, int n) {
        if (uMin > MAX_EXACT_DEGREE) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the exact Mann-Whitney U "
                    + "distribution for %d against %d samples would be counted up to U = %,d, beyond this tool's limit "
                    + "of %,d (memory): so few samples against so many cannot be compared; measure the small side "
                    + "more often", m, n, uMin, MAX_EXACT_DEGREE));
        }
        int degree = (int) uMin;
        BigInteger[] c = new BigInteger[degree + 1];
        Arrays.fill(c, BigInteger.ZERO);
        c[0] = BigInteger.ONE;
        for (int i = 1; i <= m; i++) {
            int shift = n + i;
            for (int k = degree; k >= shift; k--) {
                c[k] = c[k].subtract(c[k - shift]);
            }
            for (int k = i; k <= degree; k++) {
                c[k] = c[k].add(c[k - i]);
            }
        }
        BigInteger tail = BigInteger.ZERO;
        for (BigInteger coefficient : c) {
            tail = tail.add(coefficient);
        }
        BigInteger total = binomial(n + m, m);
        double p = 2 * ratio(tail, total);
        return Math.min(1.0, p);
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return result;
    }

    /** {@code a / b} correctly rounded even when both are far beyond a double's range. */
    private static double ratio(BigInteger a, BigInteger b) {
        return new java.math.BigDecimal(a)
                .divide(new java.math.BigDecimal(b), java.math.MathContext.DECIMAL128)
                .doubleValue();
    }

    /** Rank sum of x in the pooled sample, and the tie structure of the pooled sample. */
    private record RankSums(double rankSumX, double tieTerm, boolean hasTies) {

        /** One merge walk over the two sorted samples; each tie group gets its average rank. */
        static RankSums of(double[] x, double[] y) {
            int i = 0;
            int j = 0;
            long position = 0; // ranks handed out so far
            double rankSumX = 0;
            long tieTerm = 0;
            while (i < x.length || j < y.length) {
                double v = i < x.length && (j >= y.length || x[i] <= y[j]) ? x[i] : y[j];
                int inX = 0;
                while (i < x.length && x[i] == v) {
                    i++;
                    inX++;
                }
                int inY = 0;
                while (j < y.length && y[j] == v) {
                    j++;
                    inY++;
                }
                long t = inX + inY;
                double averageRank = position + (t + 1) / 2.0;
                rankSumX += inX * averageRank;
                tieTerm += t * t * t - t;
                position += t;
            }
            return new RankSums(rankSumX, tieTerm, tieTerm != 0);
        }
    }
}
