package org.perfregression.stats;

/**
 * The outcome of a {@link MannWhitneyU}.
 *
 * @param u1 the U statistic of the first sample (scipy's {@code statistic})
 * @param pValue the two-sided p-value, in [0, 1]
 * @param method how the p-value was computed: {@code EXACT} or {@code ASYMPTOTIC}, never {@code AUTO}
 */
public record MannWhitneyUResult(double u1, double pValue, MannWhitneyU.Method method) {
}
