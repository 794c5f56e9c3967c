package org.perfregression.jmh;

import java.util.List;
import java.util.Map;

/**
 * One entry of a JMH result file: a benchmark method in one mode with one parameter combination.
 *
 * @param benchmark the fully qualified name, {@code pkg.Class.method}
 * @param mode JMH's short mode name: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param params the {@code @Param} values in JMH's order (empty without parameters)
 * @param unit the primary metric's unit, e.g. {@code ns/op} or {@code ops/s}
 * @param samples the primary metric's measurements, fork by fork, iteration by iteration (see
 *     {@link JmhResultReader} for sample and single-shot modes)
 * @param secondary the secondary metrics' samples by name, e.g. {@code gc.alloc.rate.norm}
 * @param secondaryUnits the secondary metrics' units by name
 * @param run how the result was produced, JMH's own field names: {@code jmhVersion, jdkVersion,
 *     vmName, vmVersion, jvmArgs, forks, warmupIterations, warmupTime, measurementIterations,
 *     measurementTime, threads}, where present
 */
public record JmhResult(
        String benchmark,
        String mode,
        Map<String, String> params,
        String unit,
        List<double[]> samples,
        Map<String, List<double[]>> secondary,
        Map<String, String> secondaryUnits,
        Map<String, String> run) {

    /** {@code Class.method}: the benchmark without its package. */
    public String shortName() {
        return BenchmarkName.shortName(benchmark);
    }

    /** The method name alone. */
    public String methodName() {
        return BenchmarkName.methodName(benchmark);
    }

    /** Every sample of the primary metric, forks one after the other. */
    public double[] flatSamples() {
        return flatten(samples);
    }

    static double[] flatten(List<double[]> forks) {
        int n = forks.stream().mapToInt(f -> f.length).sum();
        double[] all = new double[n];
        int i = 0;
        for (double[] fork : forks) {
            System.arraycopy(fork, 0, all, i, fork.length);
            i += fork.length;
        }
        return all;
    }

    /** {@code Class.method} with its parameters, as a user would name it. */
    public String describe() {
        return describe(shortName(), params, mode);
    }

    /** E.g. {@code Bench.run {size=10} [avgt]}: names a result in messages. */
    static String describe(String shortName, Map<String, String> params, String mode) {
        return params.isEmpty() ? shortName + " [" + mode + "]" : shortName + " " + params + " [" + mode + "]";
    }
}
