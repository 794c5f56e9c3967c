package org.perfregression.gate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.SubsectionKey;

/**
 * How strongly one benchmark's speed follows the calibration kernel's: the exponent {@code b} in
 * the drift correction {@code sample / calibration^b}, fitted per benchmark as a control variate.
 *
 * <p>Dividing by the kernel's time ({@code b = 1}) assumes that a benchmark slows down exactly as
 * much as the kernel when the machine is busy. Measured, that holds for no benchmark. On the
 * accessor suite's baselines the fitted exponents were 1.4-3.5 (code that walks memory feels a busy
 * machine more than the kernel's tight loop does); they are used as 1 ({@link #MAX}). In a user's
 * module, a pure-computation method and two small sample benchmarks, whose forks agree within 1-2 %,
 * fitted -0.2 to 0.2: their level does not follow the kernel at all, and dividing by it added the
 * kernel's own noise (fork-to-fork SD 3.1-3.7 % corrected against 0.6-1.9 % raw). The exponent that
 * minimises the fork-to-fork variance is the least-squares slope of a fork's log level on its log
 * calibration time, both taken as deviations within their subsection and side (so a change of the
 * code, constant within them, does not enter): the classic control-variate coefficient.
 *
 * @param value the exponent, within {@code [0, MAX]}
 * @param df the within-subsection degrees of freedom it was fitted on (0: not fitted, {@code value} 1)
 */
public record KernelCoefficient(double value, int df) {

    /**
     * The largest exponent used: the kernel's time itself, no more. The accessor suite fitted 1.4-3.5
     * (pulled by forks in slow phases, which {@link MachinePhase} corrects anyway); with the fitted
     * exponents up to 2, re-analysing its 14 saved unchanged runs failed 6 of them instead of 1
     * (7 subsections confirmed in one: the few confirmation forks, over-corrected by the kernel's
     * own noise). Below 1, the fit only takes out what the kernel cannot explain.
     */
    public static final double MAX = 1;

    /** Fewer within-subsection degrees of freedom than this, and the exponent stays 1 (too noisy to fit). */
    public static final int MIN_DF = 8;

    /** Plain division by the kernel's time, as before the exponent was fitted. */
    public static final KernelCoefficient ONE = new KernelCoefficient(1, 0);

    /**
     * The exponent fitted on the forks of one benchmark, given as one map per side (baselines,
     * current forks). Subsections or forks without calibration times do not count.
     */
    public static KernelCoefficient fit(List<Map<SubsectionKey, ForkedSamples>> sides) {
        double sxy = 0;
        double sxx = 0;
        int df = 0;
        for (Map<SubsectionKey, ForkedSamples> side : sides) {
            for (ForkedSamples forks : side.values()) {
                if (!forks.hasSpeeds() || forks.forkCount() < 2) {
                    continue;
                }
                double[] y = forks.levels(false);
                double[] x = forks.speeds().stream().mapToDouble(s -> Math.log(ForkedSamples.trimmedMean(s))).toArray();
                double my = Arrays.stream(y).average().orElse(0);
                double mx = Arrays.stream(x).average().orElse(0);
                for (int f = 0; f < y.length; f++) {
                    sxy += (x[f] - mx) * (y[f] - my);
                    sxx += (x[f] - mx) * (x[f] - mx);
                }
                df += y.length - 1;
            }
        }
        if (df < MIN_DF || !(sxx > 0)) {
            return ONE;
        }
        return new KernelCoefficient(Math.max(0, Math.min(MAX, sxy / sxx)), df);
    }

    /** Each subsection's forks with this exponent folded into their calibration times. */
    public Map<SubsectionKey, ForkedSamples> applyTo(Map<SubsectionKey, ForkedSamples> forks) {
        if (value == 1) {
            return forks;
        }
        Map<SubsectionKey, ForkedSamples> applied = new LinkedHashMap<>();
        forks.forEach((key, f) -> applied.put(key, f.withKernelExponent(value)));
        return applied;
    }
}
