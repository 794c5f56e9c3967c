package org.perfregression.gate;

import java.util.ArrayList;
import java.util.List;
import org.perfregression.stats.SampleStatistics;

/**
 * What the other subsections of a comparison say about the fork-to-fork variance of one: with only
 * a few forks per subsection its own variance estimate is poor, so it is moderated towards the
 * typical one (an empirical-Bayes "moderated t", Smyth 2004): {@code (d0 * s0^2 + df * s^2) / (d0 + df)}
 * with {@code d0 + df} degrees of freedom.
 *
 * @param variance {@code s0^2}, the typical variance of a fork's log level; NaN when unknown
 * @param df {@code d0}, how many degrees of freedom the prior counts for; 0 for none
 */
public record Prior(double variance, double df) {

    /** No prior: each subsection stands on its own forks. */
    public static final Prior NONE = new Prior(Double.NaN, 0);

    /**
     * The prior from per-subsection pooled variances: their median, scaled by the median of a
     * chi-square variable over its degrees of freedom ({@code (1 - 2/(9k))^3}, Wilson-Hilferty) so
     * that it estimates the variance rather than its median. Fewer than 3 usable subsections give
     * {@link #NONE}.
     *
     * @param variances pooled variances of subsections that have at least one degree of freedom
     * @param dfs their degrees of freedom
     * @param priorDf how much weight the prior gets
     */
    public static Prior estimate(List<Double> variances, List<Integer> dfs, double priorDf) {
        List<Double> usable = new ArrayList<>();
        List<Integer> usableDf = new ArrayList<>();
        for (int i = 0; i < variances.size(); i++) {
            if (dfs.get(i) > 0 && Double.isFinite(variances.get(i))) {
                usable.add(variances.get(i));
                usableDf.add(dfs.get(i));
            }
        }
        if (usable.size() < 3 || priorDf <= 0) {
            return NONE;
        }
        double median = SampleStatistics.median(usable.stream().mapToDouble(Double::doubleValue).toArray());
        double k = SampleStatistics.median(usableDf.stream().mapToDouble(Integer::doubleValue).toArray());
        double chiSquareMedian = Math.pow(1 - 2 / (9 * k), 3);
        return new Prior(median / chiSquareMedian, priorDf);
    }

    /**
     * How far below the prior a subsection's own variance must lie to be judged on its own: the
     * lower 1 % point of its distribution under the prior ({@code s^2 / s0^2 ~ F(df, d0)}).
     */
    public static final double OWN_SPREAD_LEVEL = 0.01;

    /**
     * Whether a subsection whose own variance is {@code variance} with {@code ownDf} degrees of freedom
     * is clearly not of the prior's kind: its forks agree far more closely than the typical
     * subsection's ({@code P(F(ownDf, d0) <= s^2 / s0^2) < }{@link #OWN_SPREAD_LEVEL}). Such a
     * subsection is judged by its own spread, so that noisy neighbours cannot make a stable
     * subsection blind: seen in a module whose string-building benchmark's forks differed tenfold,
     * which set the prior for a computation whose forks agreed within 1 %.
     */
    public boolean standsApart(double variance, int ownDf) {
        if (df == 0 || ownDf <= 0 || !(variance >= 0) || !(this.variance > 0)) {
            return false;
        }
        double f = variance / this.variance;
        return org.perfregression.stats.FisherF.cdf(f, ownDf, df) < OWN_SPREAD_LEVEL;
    }

    /** The moderated variance of a subsection whose own estimate is {@code variance} with {@code ownDf}. */
    public double moderate(double variance, int ownDf) {
        if (df == 0) {
            return ownDf > 0 ? variance : Double.NaN;
        }
        return ownDf > 0 ? (df * this.variance + ownDf * variance) / (df + ownDf) : this.variance;
    }

    /** Degrees of freedom of the moderated variance. */
    public double moderatedDf(int ownDf) {
        return df + ownDf;
    }
}
