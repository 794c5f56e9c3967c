package org.perfregression.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.perfregression.stats.StudentT;

/**
 * Change points in one subsection's levels over runs: binary segmentation with a two-sample t-test,
 * as Hunter and Apache Otava replaced E-divisive's permutation test with a t-test to make it
 * deterministic.
 *
 * <p>Within a segment of runs, every split that leaves at least {@link #minSegment()} runs on each
 * side is a candidate; the one with the largest |t| (pooled variance, the two sides' means of log
 * levels) is a change point when its p-value, multiplied by the number of candidates (Bonferroni:
 * the scan looks at all of them), is below {@link #significance()} and the change is at least
 * {@link #minChangePct()}. The segments on either side are then searched the same way. A single run
 * off its level cannot be a change point: a new level needs {@code minSegment} runs.
 *
 * <p>Immutable; configure with the {@code with...} methods.
 */
public final class ChangePointDetector {

    private static final ChangePointDetector DEFAULTS = new ChangePointDetector(3, 1e-2, 3.0);

    private final int minSegment;
    private final double significance;
    private final double minChangePct;

    private ChangePointDetector(int minSegment, double significance, double minChangePct) {
        if (minSegment < 2) {
            throw new IllegalArgumentException("a segment needs at least 2 runs, got " + minSegment);
        }
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("the significance must lie in (0, 1), got " + significance);
        }
        if (!(minChangePct >= 0) || Double.isInfinite(minChangePct)) {
            throw new IllegalArgumentException("the minimum change must be a finite percentage >= 0, got " + minChangePct);
        }
        this.minSegment = minSegment;
        this.significance = significance;
        this.minChangePct = minChangePct;
    }

    /**
     * Segments of at least 3 runs, significance 0.01 after Bonferroni, changes of at least 3 %.
     * Measured on histories of the accessor suite's real forks (five of 60 runs, a 12 % step in 10
     * subsections each): at 0.001 it found 38 of the 50 steps, at 0.01 42 (with 8 change points
     * elsewhere); without a step 7 of 1,410 subsections had a change point at 0.01.
     */
    public static ChangePointDetector withDefaults() {
        return DEFAULTS;
    }

    public ChangePointDetector withMinSegment(int runs) {
        return new ChangePointDetector(runs, significance, minChangePct);
    }

    public ChangePointDetector withSignificance(double alpha) {
        return new ChangePointDetector(minSegment, alpha, minChangePct);
    }

    public ChangePointDetector withMinChangePct(double pct) {
        return new ChangePointDetector(minSegment, significance, pct);
    }

    public int minSegment() {
        return minSegment;
    }

    public double significance() {
        return significance;
    }

    public double minChangePct() {
        return minChangePct;
    }

    /**
     * One change point.
     *
     * @param index the first run (index into the series) at the new level
     * @param changePct the new level over the old, in %
     * @param lowPct the lower end of its 95 % confidence interval
     * @param highPct the upper end
     * @param p the Bonferroni-adjusted p-value of the split
     */
    public record Change(int index, double changePct, double lowPct, double highPct, double p) {
    }

    /**
     * The change points of {@code levels} (log levels, one per run, in run order) at or after
     * {@code from}; the runs before {@code from} are not looked at (a history's earlier change points
     * stay as they were found).
     */
    public List<Change> detect(double[] levels, int from) {
        List<Change> found = new ArrayList<>();
        double[] prefix = new double[levels.length + 1];
        double[] prefixSq = new double[levels.length + 1];
        for (int i = 0; i < levels.length; i++) {
            prefix[i + 1] = prefix[i] + levels[i];
            prefixSq[i + 1] = prefixSq[i] + levels[i] * levels[i];
        }
        segment(prefix, prefixSq, Math.max(0, from), levels.length, found);
        found.sort(Comparator.comparingInt(Change::index));
        return found;
    }

    private void segment(double[] prefix, double[] prefixSq, int from, int to, List<Change> found) {
        int n = to - from;
        int candidates = n - 2 * minSegment + 1;
        if (candidates < 1) {
            return;
        }
        int best = -1;
        double bestT = 0;
        for (int k = from + minSegment; k <= to - minSegment; k++) {
            double t = t(prefix, prefixSq, from, k, to);
            if (Double.isFinite(t) && Math.abs(t) > Math.abs(bestT)) {
                bestT = t;
                best = k;
            }
        }
        if (best < 0) {
            return;
        }
        int df = n - 2;
        double p = Math.min(1, StudentT.twoSidedP(bestT, df) * candidates);
        double d = mean(prefix, best, to) - mean(prefix, from, best);
        double changePct = 100 * Math.expm1(d);
        if (!(p < significance) || Math.abs(changePct) < minChangePct) {
            return;
        }
        double half = StudentT.quantile(0.975, df) * Math.abs(d / bestT);
        found.add(new Change(best, changePct, 100 * Math.expm1(d - half), 100 * Math.expm1(d + half), p));
        segment(prefix, prefixSq, from, best, found);
        segment(prefix, prefixSq, best, to, found);
    }

    private static double mean(double[] prefix, int from, int to) {
        return (prefix[to] - prefix[from]) / (to - from);
    }

    /** Pooled two-sample t of runs {@code [k, to)} against {@code [from, k)}. */
    private static double t(double[] prefix, double[] prefixSq, int from, int k, int to) {
        int n1 = k - from;
        int n2 = to - k;
        double m1 = mean(prefix, from, k);
        double m2 = mean(prefix, k, to);
        double ss1 = (prefixSq[k] - prefixSq[from]) - n1 * m1 * m1;
        double ss2 = (prefixSq[to] - prefixSq[k]) - n2 * m2 * m2;
        double variance = Math.max(0, ss1 + ss2) / (n1 + n2 - 2);
        double se = Math.sqrt(variance * (1.0 / n1 + 1.0 / n2));
        return se > 0 ? (m2 - m1) / se : Double.NaN;
    }
}
