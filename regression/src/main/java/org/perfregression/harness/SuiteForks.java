package org.perfregression.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.perfregression.check.Direction;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.KernelCoefficient;
import org.perfregression.gate.MachinePhase;
import org.perfregression.input.Baselines;

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
        return of(results.byBenchmark(), results.layouts(), results::unit, gate);
    }

    /** The forks of a set of baselines, each benchmark with a fork layout. */
    static SuiteForks of(Baselines baselines, ForkGate gate) {
        Map<String, PerformanceData> data = new LinkedHashMap<>(baselines.byBenchmark());
        data.keySet().retainAll(baselines.layouts().keySet());
        return of(data, baselines.layouts(), baselines.units()::get, gate);
    }

    private static SuiteForks of(Map<String, PerformanceData> byBenchmark, Map<String, ForkLayout> layouts,
            Function<String, String> unit, ForkGate gate) {
        List<String> benchmarks = new ArrayList<>(byBenchmark.keySet());
        List<Direction> directions = benchmarks.stream().map(b -> Direction.ofUnit(unit.apply(b))).toList();
        List<Map<SubsectionKey, ForkedSamples>> measured = new ArrayList<>();
        List<KernelCoefficient> exponents = new ArrayList<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            Map<SubsectionKey, ForkedSamples> forks = layouts.get(benchmarks.get(i))
                    .split(byBenchmark.get(benchmarks.get(i)), false, benchmarks.get(i), directions.get(i));
            exponents.add(gate.correctsDrift() ? KernelCoefficient.fit(List.of(forks)) : KernelCoefficient.ONE);
            measured.add(exponents.get(i).applyTo(forks, directions.get(i)));
        }
        return new SuiteForks(benchmarks, directions, measured, exponents,
                benchmarks.stream().map(layouts::get).toList());
    }

    /**
     * Each benchmark's forks as the gate's level test reads a baseline's: corrected for the machine's
     * phases the calibration kernel missed and without the forks measured in one ({@link MachinePhase}).
     */
    List<Map<SubsectionKey, ForkedSamples>> asGateReads(ForkGate gate) {
        return gate.correctsDrift() ? MachinePhase.of(measured, layouts, false, null, directions).corrected() : measured;
    }
}
