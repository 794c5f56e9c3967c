package org.perfregression.check;

import org.perfregression.data.InvalidInputException;
import org.perfregression.data.Samples;
import org.perfregression.data.SubsectionKey;
import org.perfregression.stats.MannWhitneyUResult;
import org.perfregression.stats.MannWhitneyU;
import org.perfregression.stats.SampleStatistics;

/**
 * The original tool's decision for one subsection: Mann-Whitney U, median change, MAD noise band.
 *
 * <pre>
 * delta_median_pct = (current_median - baseline_median) / baseline_median * 100
 * noise_band_pct   = max(noise_threshold_pct, mad_multiplier * baseline_mad / baseline_median * 100)
 * significant      = |delta_median_pct| &gt; noise_band_pct and p &lt; significance_level
 * </pre>
 *
 * A significant change in the worse direction is a regression, in the better direction an
 * improvement. Both formulas are evaluated left to right exactly as written: with integer cycle
 * counts the delta often equals the band exactly, and an algebraically equal rewrite flips verdicts.
 * A baseline median of zero makes the relative change undefined: no change, p = 1, band 0.
 * Negative medians are taken literally, as the original does (-110 against -100 is +10 %).
 *
 * <p>Immutable; configure with the {@code with...} methods.
 */
public final class RegressionRule {

    public static final double DEFAULT_NOISE_THRESHOLD_PCT = 1.0;
    public static final double DEFAULT_SIGNIFICANCE_LEVEL = 0.05;
    public static final double DEFAULT_MAD_MULTIPLIER = 3.0;

    private static final RegressionRule DEFAULTS = new RegressionRule(
            DEFAULT_NOISE_THRESHOLD_PCT, DEFAULT_SIGNIFICANCE_LEVEL, DEFAULT_MAD_MULTIPLIER, 0);

    private final double noiseThresholdPct;
    private final double significanceLevel;
    private final double madMultiplier;
    private final double minDelta;

    private RegressionRule(double noiseThresholdPct, double significanceLevel, double madMultiplier, double minDelta) {
        this.noiseThresholdPct = noiseThresholdPct;
        this.significanceLevel = significanceLevel;
        this.madMultiplier = madMultiplier;
        this.minDelta = minDelta;
    }

    /** Noise threshold 1.0 %, significance 0.05, MAD multiplier 3.0. */
    public static RegressionRule withDefaults() {
        return DEFAULTS;
    }

    /** @param pct the smallest noise band, in percent; finite and not negative */
    public RegressionRule withNoiseThreshold(double pct) {
        require(Double.isFinite(pct) && pct >= 0, "noise threshold must be a finite percentage >= 0, got " + pct);
        return new RegressionRule(pct, significanceLevel, madMultiplier, minDelta);
    }

    /** @param alpha the significance level, in (0, 1] */
    public RegressionRule withSignificance(double alpha) {
        require(alpha > 0 && alpha <= 1, "significance must be in (0, 1], got " + alpha);
        return new RegressionRule(noiseThresholdPct, alpha, madMultiplier, minDelta);
    }

    /** @param k how many baseline MADs the noise band spans; finite and not negative */
    public RegressionRule withMadMultiplier(double k) {
        require(Double.isFinite(k) && k >= 0, "MAD multiplier must be a finite number >= 0, got " + k);
        return new RegressionRule(noiseThresholdPct, significanceLevel, k, minDelta);
    }

    /**
     * An absolute floor, in the data's unit: a median change smaller than this is never a verdict,
     * whatever its percentage (a sub-nanosecond operation moving by 0.26 ns is +76 %, and no
     * regression anyone can act on). 0, the default, is the seed's rule exactly.
     *
     * @param delta finite and not negative
     */
    public RegressionRule withMinDelta(double delta) {
        require(Double.isFinite(delta) && delta >= 0, "the absolute floor must be a finite number >= 0, got " + delta);
        return new RegressionRule(noiseThresholdPct, significanceLevel, madMultiplier, delta);
    }

    public double minDelta() {
        return minDelta;
    }

    public double noiseThresholdPct() {
        return noiseThresholdPct;
    }

    public double significanceLevel() {
        return significanceLevel;
    }

    public double madMultiplier() {
        return madMultiplier;
    }

    /** Decides for one subsection where lower values are better (times, cycles). */
    public SubsectionResult evaluate(SubsectionKey key, Samples baseline, Samples current) {
        return evaluate(key, baseline, current, Direction.LOWER_IS_BETTER);
    }

    /** Decides for one subsection. */
    public SubsectionResult evaluate(SubsectionKey key, Samples baseline, Samples current, Direction direction) {
        double[] baselineSorted = baseline.sorted();
        double[] currentSorted = current.sorted();
        double baselineMedian = SampleStatistics.medianOfSorted(baselineSorted);
        double currentMedian = SampleStatistics.medianOfSorted(currentSorted);
        double baselineMad = SampleStatistics.madOfSorted(baselineSorted, baselineMedian);
        int nb = baseline.size();
        int nc = current.size();

        if (!Double.isFinite(baselineMedian)) {
            throw new InvalidInputException(key + ": the baseline samples are too large for double arithmetic "
                    + "(their median overflows); rescale the data (another unit)");
        }
        if (baselineMedian == 0) {
            String message = "Baseline median is zero for " + key.subsection()
                    + ": relative change is undefined, no verdict";
            return new SubsectionResult(key, false, Double.NaN, 1.0, 0.0, message, currentMedian,
                    baselineMedian, Verdict.NO_CHANGE, baselineMad, nb, nc, null, false);
        }

        MannWhitneyUResult test = MannWhitneyU.withDefaults().testSorted(currentSorted, baselineSorted);
        double p = test.pValue();
        double deltaMedianPct = (currentMedian - baselineMedian) / baselineMedian * 100;
        double noiseBandPct = Math.max(noiseThresholdPct, madMultiplier * baselineMad / baselineMedian * 100);
        if (!Double.isFinite(currentMedian) || !Double.isFinite(baselineMad) || !Double.isFinite(deltaMedianPct)
                || !Double.isFinite(noiseBandPct)) {
            // Finite samples near a double's limit overflow in the median or the change: no verdict means anything.
            throw new InvalidInputException(key + ": the samples are too large for double arithmetic (baseline median "
                    + baselineMedian + ", current median " + currentMedian + ", change " + deltaMedianPct
                    + " %): no verdict is possible; rescale the data (another unit)");
        }
        boolean belowFloor = Math.abs(currentMedian - baselineMedian) < minDelta;
        boolean significant = Math.abs(deltaMedianPct) > noiseBandPct && p < significanceLevel && !belowFloor;
        boolean worse = direction == Direction.LOWER_IS_BETTER ? deltaMedianPct > 0 : deltaMedianPct < 0;

        Verdict verdict = !significant ? Verdict.NO_CHANGE : worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        String message = switch (verdict) {
            case REGRESSION -> "Performance regression: " + Decimals.signed(deltaMedianPct, 3) + "% (p="
                    + Decimals.fixed(p, 3) + ", threshold=" + Decimals.fixed(noiseBandPct, 1) + "%)";
            case IMPROVEMENT -> "Performance improvement: " + Decimals.signed(deltaMedianPct, 3) + "% (p="
                    + Decimals.fixed(p, 3) + ")";
            case NO_CHANGE -> "No significant change: " + Decimals.fixed(deltaMedianPct, 3) + "% (p="
                    + Decimals.fixed(p, 3) + ")";
        };
        return new SubsectionResult(key, verdict == Verdict.REGRESSION, deltaMedianPct, p, noiseBandPct,
                message, currentMedian, baselineMedian, verdict, baselineMad, nb, nc, test.method(),
                belowFloor && Math.abs(deltaMedianPct) > noiseBandPct && p < significanceLevel);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "RegressionRule(noise_threshold=" + noiseThresholdPct + "%, significance=" + significanceLevel
                + ", mad_multiplier=" + madMultiplier + (minDelta > 0 ? ", min_delta=" + minDelta : "") + ")";
    }
}
