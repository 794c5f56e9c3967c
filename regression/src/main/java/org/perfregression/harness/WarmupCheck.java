package org.perfregression.harness;

import java.util.Arrays;
import java.util.List;
import org.perfregression.jmh.JmhResult;
import org.perfregression.stats.SampleStatistics;

/**
 * Whether warmup was long enough, measured on the run itself. A sample counts as slow when it lies
 * more than {@link #TOLERANCE} above its fork's median. If the JIT were still compiling when
 * measurement began, the first {@link #HEAD} samples of each fork would be slow far more often than
 * the later ones. What matters for the verdict is the median, so the check also says how far the
 * medians would move if those first samples were left out.
 *
 * @param headSlowRate share of the first samples of each fork that are slow
 * @param laterSlowRate share of the later samples that are slow
 * @param typicalShiftPct median over all combinations of |median(all) / median(without the first samples) - 1|, in %
 * @param worstShiftPct the largest such shift, in %
 * @param worst the combination with the largest shift
 */
public record WarmupCheck(double headSlowRate, double laterSlowRate, double typicalShiftPct, double worstShiftPct,
        String worst) {

    public static final int HEAD = 5;
    public static final double TOLERANCE = 1.2;

    public static WarmupCheck of(List<JmhResult> results) {
        long headSlow = 0;
        long head = 0;
        long laterSlow = 0;
        long later = 0;
        double[] shifts = new double[results.size()];
        double worstShift = -1;
        String worst = "";
        int n = 0;
        for (JmhResult result : results) {
            for (double[] fork : result.samples()) {
                if (fork.length <= HEAD) {
                    continue;
                }
                double median = SampleStatistics.median(fork);
                for (int i = 0; i < fork.length; i++) {
                    boolean slow = fork[i] > TOLERANCE * median;
                    if (i < HEAD) {
                        head++;
                        headSlow += slow ? 1 : 0;
                    } else {
                        later++;
                        laterSlow += slow ? 1 : 0;
                    }
                }
            }
            double[] trimmed = result.samples().stream()
                    .filter(fork -> fork.length > HEAD)
                    .flatMapToDouble(fork -> Arrays.stream(fork, HEAD, fork.length))
                    .toArray();
            if (trimmed.length == 0) {
                continue;
            }
            double shift = Math.abs(SampleStatistics.median(result.flatSamples()) / SampleStatistics.median(trimmed) - 1) * 100;
            shifts[n++] = shift;
            if (shift > worstShift) {
                worstShift = shift;
                worst = result.methodName() + " " + result.params();
            }
        }
        if (n == 0) {
            return new WarmupCheck(Double.NaN, Double.NaN, Double.NaN, Double.NaN, "");
        }
        return new WarmupCheck((double) headSlow / head, (double) laterSlow / later,
                SampleStatistics.median(Arrays.copyOf(shifts, n)), worstShift, worst);
    }

    /** Two lines for the terminal. */
    public String summary() {
        if (Double.isNaN(headSlowRate)) {
            return "warmup check: too few samples per fork to judge";
        }
        return String.format("warmup check: %.1f%% of the first %d samples of each fork are more than %.0f%% above the "
                + "fork's median, %.1f%% of the later ones;%n  without them the medians would move by %.2f%% typically, "
                + "at most %.2f%% (%s)", headSlowRate * 100, HEAD, (TOLERANCE - 1) * 100, laterSlowRate * 100,
                typicalShiftPct, worstShiftPct, worst);
    }
}
