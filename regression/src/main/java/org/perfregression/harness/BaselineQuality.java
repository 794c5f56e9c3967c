package org.perfregression.harness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.GateCheck;
import org.perfregression.gate.KernelCoefficient;
import org.perfregression.gate.MachinePhase;
import org.perfregression.platform.MachineSpeed;
import org.perfregression.check.Direction;
import org.perfregression.stats.SampleStatistics;

/**
 * What a set of new baselines says about itself, recorded in {@code metadata.json}: how fast the
 * machine ran the calibration kernel (the machine check compares later runs with it), how busy it
 * was, the fork-to-fork noise with and without drift correction, and what a main-job comparison
 * against them can detect (the minimum detectable change per subsection).
 *
 * @param speed the calibration kernel's speed over the whole run; null without calibration
 * @param passes forks per combination
 * @param currentForks forks per combination of the comparison runs the MDC is computed for
 * @param otherCpuPct other processes' CPU share during the run, NaN when unknown
 * @param mdc per benchmark and subsection, the minimum detectable change (%) of a default main job, at the
 *     subsection's forks ({@code currentForks}, and more for the noisiest)
 * @param forkSdPct per benchmark, the median over subsections of the fork-to-fork standard deviation
 *     of fork levels in %: {drift-corrected, raw, drift- and phase-corrected ({@link MachinePhase}), and
 *     that with each subsection's forks aligned onto its main fork mode ({@link org.perfregression.gate.ForkModes}):
 *     the noise the gate's level test sees}
 * @param kernelExponent per benchmark, the calibration exponent its drift correction uses ({@link KernelCoefficient})
 * @param noisyForks the forks a main job adds to the noisiest subsections ({@link NoisyForks}), which {@code mdc} counts
 * @param noisySubsections how many subsections get them
 */
public record BaselineQuality(MachineSpeed speed, int passes, int currentForks, double otherCpuPct,
        Map<String, Map<SubsectionKey, Double>> mdc, Map<String, double[]> forkSdPct,
        Map<String, Double> kernelExponent, int noisyForks, int noisySubsections) {

    /** With {@code passes} 0 (baselines made from an earlier run's results), the passes are read from the fork layout. */
    public static BaselineQuality of(SuiteResults results, ForkGate gate, int passes, int currentForks,
            double otherCpuPct) {
        if (passes == 0) {
            passes = passes(results.layouts().values());
        }
        double[] speeds = results.calibrationNs();
        // As the gate reads them: each benchmark with its own calibration exponent, corrected for the
        // machine's phases the calibration kernel missed and without the forks measured in one.
        SuiteForks suite = SuiteForks.of(results, gate);
        List<String> benchmarks = suite.benchmarks();
        List<Direction> directions = suite.directions();
        List<Map<SubsectionKey, ForkedSamples>> measured = suite.measured();
        List<KernelCoefficient> exponents = suite.exponents();
        List<Map<SubsectionKey, ForkedSamples>> corrected = suite.asGateReads(gate);
        Map<String, Map<SubsectionKey, Double>> mdc = new LinkedHashMap<>();
        Map<String, double[]> sd = new LinkedHashMap<>();
        Map<String, Double> exponent = new LinkedHashMap<>();
        // At the forks a main job gives each subsection: the noisiest get more (NoisyForks).
        Map<org.perfregression.analysis.SuiteKey, Integer> noisy = NoisyForks.forRun(suite, corrected, gate, currentForks, null);
        for (int i = 0; i < benchmarks.size(); i++) {
            String benchmark = benchmarks.get(i);
            mdc.put(benchmark, new GateCheck(gate, directions.get(i)).detectable(corrected.get(i), key -> 0,
                    key -> currentForks + noisy.getOrDefault(new org.perfregression.analysis.SuiteKey(benchmark, key), 0)));
            sd.put(benchmarks.get(i), new double[] {medianForkSd(measured.get(i), true, null),
                    medianForkSd(measured.get(i), false, null), medianForkSd(corrected.get(i), true, null),
                    medianForkSd(corrected.get(i), true, gate)});
            exponent.put(benchmarks.get(i), exponents.get(i).value());
        }
        return new BaselineQuality(speeds.length == 0 ? null : MachineSpeed.of(speeds), passes, currentForks, otherCpuPct,
                mdc, sd, exponent, NoisyForks.total(noisy), noisy.size());
    }

    /**
     * The passes a run made: the most common number of first-measurement forks per subsection (the
     * few subsections whose forks disagreed were measured in more, in passes of their own).
     */
    static int passes(java.util.Collection<org.perfregression.gate.ForkLayout> layouts) {
        Map<Long, Long> subsectionsByForks = layouts.stream().flatMap(l -> l.forks().values().stream())
                .map(forks -> forks.stream().filter(f -> !f.confirmation()).count())
                .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting()));
        return subsectionsByForks.entrySet().stream().max(Map.Entry.<Long, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(e -> e.getKey().intValue()).orElse(0);
    }

    /**
     * The subsections whose forks disagree by {@code factor} or more (the slowest fork's level over
     * the fastest's, not drift-corrected), with a description of each: a benchmark that runs in
     * distinct JIT modes, whose level a few forks cannot estimate.
     */
    public static Map<org.perfregression.analysis.SuiteKey, String> disagreeing(SuiteResults results, double factor) {
        Map<org.perfregression.analysis.SuiteKey, String> split = new LinkedHashMap<>();
        results.byBenchmark().forEach((benchmark, data) -> results.layouts().get(benchmark).split(data, false, benchmark)
                .forEach((key, forks) -> {
                    double[] levels = forks.levels(false);
                    double low = Arrays.stream(levels).min().orElse(0);
                    double high = Arrays.stream(levels).max().orElse(0);
                    if (levels.length > 1 && Math.exp(high - low) >= factor) {
                        split.put(new org.perfregression.analysis.SuiteKey(benchmark, key), String.format(Locale.ROOT,
                                "%s %s: %d forks from %.4g to %.4g %s (%.1f-fold)", benchmark, key, levels.length,
                                Math.exp(low), Math.exp(high), results.unit(benchmark), Math.exp(high - low)));
                    }
                }));
        return split;
    }

    /** With a gate, each subsection's levels as its level test reads them (aligned onto the main fork mode). */
    private static double medianForkSd(Map<SubsectionKey, ForkedSamples> forks, boolean corrected, ForkGate gate) {
        double[] sds = forks.values().stream().map(f -> gate == null ? f.levels(corrected) : gate.baselineLevels(f, corrected))
                .filter(l -> l.length > 1)
                .mapToDouble(l -> Math.sqrt(ForkGate.sampleVariance(l)) * 100).toArray();
        return sds.length == 0 ? Double.NaN : SampleStatistics.median(sds);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    /** The fields this adds to {@code metadata.json}. */
    public Map<String, Object> toMetadata() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("calibration", speed == null ? null : speed.toMap());
        fields.put("passes", passes);
        fields.put("other_cpu_pct", Double.isFinite(otherCpuPct) ? otherCpuPct : null);
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("current_forks_assumed", currentForks);
        Map<String, Object> noisy = new LinkedHashMap<>();
        noisy.put("subsections", noisySubsections);
        noisy.put("more_forks", noisyForks);
        noisy.put("target_mdc_pct", NoisyForks.TARGET_PCT);
        gate.put("noisy_subsections", noisy);
        Map<String, Object> byBenchmark = new LinkedHashMap<>();
        mdc.forEach((benchmark, values) -> {
            double[] all = values.values().stream().mapToDouble(Double::doubleValue).toArray();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("median_pct", finiteOrNull(quantile(all, 0.5)));
            entry.put("p90_pct", finiteOrNull(quantile(all, 0.9)));
            entry.put("fork_sd_pct_drift_corrected", finiteOrNull(forkSdPct.get(benchmark)[0]));
            entry.put("fork_sd_pct_raw", finiteOrNull(forkSdPct.get(benchmark)[1]));
            entry.put("kernel_exponent", kernelExponent.containsKey(benchmark)
                    ? finiteOrNull(Math.round(kernelExponent.get(benchmark) * 100) / 100.0) : null);
            entry.put("fork_sd_pct_phase_corrected", forkSdPct.get(benchmark).length > 2
                    ? finiteOrNull(forkSdPct.get(benchmark)[2]) : null);
            entry.put("fork_sd_pct_within_modes", forkSdPct.get(benchmark).length > 3
                    ? finiteOrNull(forkSdPct.get(benchmark)[3]) : null);
            Map<String, Map<String, Object>> bySubsection = new LinkedHashMap<>();
            values.forEach((key, v) -> bySubsection.computeIfAbsent(key.section(), s -> new LinkedHashMap<>())
                    .put(key.subsection(), finiteOrNull(Math.round(v * 10) / 10.0)));
            entry.put("by_subsection", bySubsection);
            byBenchmark.put(benchmark, entry);
        });
        gate.put("minimum_detectable_change", byBenchmark);
        fields.put("gate", gate);
        return fields;
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Lines for the terminal after regeneration. */
    public String summary() {
        StringBuilder text = new StringBuilder("What a main job (" + currentForks + " forks" + (noisyForks > 0
                ? ", and " + noisyForks + " more of " + (noisySubsections == 1 ? "the noisiest subsection"
                        : "the " + noisySubsections + " noisiest subsections") : "")
                + ") can detect against these baselines (minimum detectable change, 90% power):");
        mdc.forEach((benchmark, values) -> {
            double[] all = values.values().stream().mapToDouble(Double::doubleValue).toArray();
            double[] sd = forkSdPct.get(benchmark);
            text.append(String.format(Locale.ROOT, "%n  %-24s median %.1f%%, 90th percentile %.1f%%; fork-to-fork SD "
                    + "%.1f%% drift-corrected, %.1f%% raw", benchmark, quantile(all, 0.5), quantile(all, 0.9), sd[0], sd[1]));
        });
        return text.toString();
    }
}
