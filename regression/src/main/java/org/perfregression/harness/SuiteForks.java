package org.perfregression.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.perfregression.check.Direction;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.KernelCoefficient;

/**
 * A suite's first-measurement forks as the gate reads them: per benchmark, split by subsection, with
 * the calibration exponent fitted on them applied ({@link KernelCoefficient}).
 *
 * @param benchmarks the benchmarks, in the results' order
 * @param directions which way is better, per benchmark (from its unit)
 * @param measured per benchmark, each subsection's forks
 * @param exponents per benchmark, the calibration exponent applied
 * @param layouts per benchmark, when and in which pass each fork ran
 */
record SuiteForks(List<String> benchmarks, List<Direction> directions, List<Map<SubsectionKey, ForkedSamples>> measured,
        List<KernelCoefficient> exponents, List<ForkLayout> layouts) {

    static SuiteForks of(SuiteResults results, ForkGate gate) {
        List<String> benchmarks = new ArrayList<>(results.byBenchmark().keySet());
        List<Direction> directions = benchmarks.stream().map(b -> Direction.ofUnit(results.unit(b))).toList();
        List<Map<SubsectionKey, ForkedSamples>> measured = new ArrayList<>();
        List<KernelCoefficient> exponents = new ArrayList<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            Map<SubsectionKey, ForkedSamples> forks = results.layouts().get(benchmarks.get(i))
                    .split(results.byBenchmark().get(benchmarks.get(i)), false, benchmarks.get(i), directions.get(i));
            exponents.add(gate.correctsDrift() ? KernelCoefficient.fit(List.of(forks)) : KernelCoefficient.ONE);
            measured.add(exponents.get(i).applyTo(forks, directions.get(i)));
        }
        return new SuiteForks(benchmarks, directions, measured, exponents,
                benchmarks.stream().map(results.layouts()::get).toList());
    }
}
