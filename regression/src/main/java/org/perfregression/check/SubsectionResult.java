package org.perfregression.check;

import org.perfregression.data.SubsectionKey;
import org.perfregression.stats.MannWhitneyU;

/**
 * The verdict on one subsection and every number behind it. The first seven components after the
 * key are the original tool's result fields.
 *
 * @param key which subsection
 * @param isRegression whether the change is a significant slow-down
 * @param deltaMedianPct {@code (current_median - baseline_median) / baseline_median * 100}; NaN when
 *     the baseline median is zero
 * @param pValue the two-sided Mann-Whitney p-value the rule used (1.0 when the baseline median is zero)
 * @param noiseBandPct {@code max(noise threshold, k * baseline_mad / baseline_median * 100)}
 * @param message the human-readable verdict, worded as the original tool words it
 * @param currentMedian median of the current samples
 * @param baselineMedian median of the baseline samples
 * @param verdict regression, improvement or no change
 * @param baselineMad raw median absolute deviation of the baseline
 * @param baselineCount number of baseline samples
 * @param currentCount number of current samples
 * @param method how the p-value was computed; null when no test was run
 * @param belowFloor the seed's rule flagged it, but the median moved by less than the absolute floor
 *     ({@link RegressionRule#withMinDelta}): no verdict
 */
public record SubsectionResult(
        SubsectionKey key,
        boolean isRegression,
        double deltaMedianPct,
        double pValue,
        double noiseBandPct,
        String message,
        double currentMedian,
        double baselineMedian,
        Verdict verdict,
        double baselineMad,
        int baselineCount,
        int currentCount,
        MannWhitneyU.Method method,
        boolean belowFloor) {

    /**
     * How far the change went relative to its noise band (1 = at the band's edge): orders results
     * within a verdict, largest first. A change without a band counts by its size; an undefined one is 0.
     */
    public double severity() {
        if (!Double.isFinite(deltaMedianPct)) {
            return 0;
        }
        return noiseBandPct > 0 ? Math.abs(deltaMedianPct) / noiseBandPct : Math.abs(deltaMedianPct);
    }

    /**
     * Why this is or is not a verdict, in words a reader takes at a glance, e.g. {@code inside the
     * noise band (+7.964% within 12.7%)} or {@code not significant (p=0.210)}: the seed's message stays
     * as it is (its API), this says what it means.
     */
    public String reason() {
        if (!Double.isFinite(deltaMedianPct)) {
            return "undefined change (baseline median 0)";
        }
        String change = Decimals.signed(deltaMedianPct, 3) + "%";
        String band = Decimals.fixed(noiseBandPct, 3) + "%";
        if (belowFloor) {
            return "smaller than the absolute floor (" + change + ", |current - baseline median| below --min-delta)";
        }
        if (verdict != Verdict.NO_CHANGE) {
            return change + " beyond the noise band of " + band + ", p=" + Decimals.fixed(pValue, 3);
        }
        if (Math.abs(deltaMedianPct) <= noiseBandPct) {
            return "inside the noise band (" + change + " within " + band + ")";
        }
        return "beyond the band but not significant (" + change + ", p=" + Decimals.fixed(pValue, 3) + ")";
    }
}
