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
 * <p>The exponent scales the kernel's variation within one side (a run, or the baselines' run);
 * the machine's speed of the whole side, the median of its kernel times, is still divided out in
 * full ({@link #applyTo}). Dividing by the kernel's time ({@code b = 1}) assumes that a benchmark slows down exactly as
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

    /**
     * Each subsection's forks of one side with this exponent folded into their calibration times,
     * around the side's machine speed (the 10th percentile of its kernel times, as the machine check
     * reads it): that speed is still taken out in full, only the kernel's variation around it is
     * scaled. Measured on the plugin's sample (exponents 0.05-0.11), with 40-fork baselines:
     * <ul>
     * <li>applied to the kernel's whole time (so hardly any correction), three of nine builds
     *     reported a confirmed "improvement" of a benchmark left unchanged: the machine ran both the
     *     kernel (10th percentile) and the benchmarks 4-6 % faster than during the regeneration;
     * <li>around the side's median kernel time, two unchanged builds failed with confirmed
     *     "regressions" of +5.9 and +6.1 %: the kernel's median ran 9 % faster than the baselines',
     *     its 10th percentile 2 %, the benchmarks 3-4 %. The median carries the kernel's own
     *     slow moments, which the benchmarks do not share.
     * </ul>
     */
    public Map<SubsectionKey, ForkedSamples> applyTo(Map<SubsectionKey, ForkedSamples> forks,
            org.perfregression.check.Direction direction) {
        if (value == 1) {
            return forks;
        }
        // Where higher is better the calibration times are inverted (ForkedSamples.forHigherIsBetter):
        // the machine speed is read on the kernel's times and inverted back.
        boolean inverted = direction == org.perfregression.check.Direction.HIGHER_IS_BETTER;
        double[] all = forks.values().stream().filter(ForkedSamples::hasSpeeds)
                .flatMap(f -> f.speeds().stream()).flatMapToDouble(Arrays::stream)
                .map(v -> inverted ? 1 / v : v).toArray();
        if (all.length == 0) {
            return forks;
        }
        double p10 = org.perfregression.platform.MachineSpeed.of(all).p10Ns();
        double center = inverted ? 1 / p10 : p10;
        Map<SubsectionKey, ForkedSamples> applied = new LinkedHashMap<>();
        forks.forEach((key, f) -> applied.put(key, f.withKernelExponent(value, center)));
        return applied;
    }
}
