package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perfregression.analysis.BenchmarkPair;
import org.perfregression.analysis.SuiteComparison;
import org.perfregression.analysis.SuiteKey;
import org.perfregression.check.Direction;
import org.perfregression.check.RegressionCheck;
import org.perfregression.check.Verdict;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.input.Dataset;
import org.perfregression.platform.Platform;
import org.perfregression.report.ReportInput;

/**
 * Allocation verdicts are re-measured in fresh forks, as time flags are, and the comparison reads
 * allocation over every fork the current side has afterwards: an escape-analysis mode the baselines
 * never showed loses its verdict once a fresh fork lands in theirs; a real rise keeps it.
 */
class AllocationConfirmationTest {

    private static final SubsectionKey SPLIT = new SubsectionKey("rank_5", "split");
    private static final SubsectionKey MORE = new SubsectionKey("rank_5", "more");
    private static final double BYTES = 224;

    /** One benchmark's side: per subsection, its forks' samples and allocation, fresh forks last. */
    private static final class Side {
        final Simulation sim = new Simulation(7);
        final Map<SubsectionKey, List<double[]>> samples = new LinkedHashMap<>();
        final Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();

        Side(int forks, Map<SubsectionKey, Double> allocation) {
            sim.forkSd = 0.02;
            for (int i = 0; i < 10; i++) {
                SubsectionKey key = new SubsectionKey("rank_5", i == 0 ? "split" : i == 1 ? "more" : "config_" + i);
                for (int f = 0; f < forks; f++) {
                    add(key, false, allocation.getOrDefault(key, BYTES));
                }
            }
        }

        void add(SubsectionKey key, boolean fresh, double bytes) {
            ForkedSamples one = sim.subsection(100, 1);
            samples.computeIfAbsent(key, k -> new ArrayList<>()).add(one.forks().get(0));
            int pass = layout.getOrDefault(key, List.of()).size() + 1;
            layout.computeIfAbsent(key, k -> new ArrayList<>()).add(new MeasuredFork(one.forks().get(0).length,
                    1_000L * pass, pass, fresh, one.speeds().get(0), Double.NaN, bytes, AllocationScope.BENCHMARK_THREADS));
        }

        Dataset dataset(String source) {
            PerformanceData.Builder data = PerformanceData.builder();
            samples.forEach((key, forks) -> data.add(key.section(), key.subsection(),
                    forks.stream().flatMapToDouble(java.util.Arrays::stream).toArray()));
            Map<SubsectionKey, List<MeasuredFork>> copy = new LinkedHashMap<>();
            layout.forEach((key, forks) -> copy.put(key, List.copyOf(forks)));
            return new Dataset(data.build(), "ns/op", Platform.current(), source, new ForkLayout(copy));
        }
    }

    private static Map<SubsectionKey, Verdict> allocationVerdicts(boolean remeasure, List<List<SuiteKey>> asked)
            throws IOException {
        Side baseline = new Side(6, Map.of());
        // The first two forks of SPLIT land in a mode the six baseline forks never showed; MORE allocates 16 B more.
        Side current = new Side(2, Map.of(SPLIT, 160.0, MORE, BYTES + 16));
        SuiteComparison comparison = SuiteComparison.of(RegressionCheck.withDefaults())
                .withGate(new GateCheck(ForkGate.withDefaults(), Direction.LOWER_IS_BETTER));
        if (remeasure) {
            comparison = comparison.withRemeasure((flagged, witnesses) -> {
                asked.add(flagged);
                for (SuiteKey k : flagged) {
                    double[] fresh = k.key().equals(SPLIT) ? new double[] {BYTES, 160, 160}
                            : k.key().equals(MORE) ? new double[] {BYTES + 16, BYTES + 16, BYTES + 16}
                            : new double[] {BYTES, BYTES, BYTES};
                    for (double bytes : fresh) {
                        current.add(k.key(), true, bytes);
                    }
                }
                return Map.of("bench", current.dataset("current"));
            }, 30);
        }
        BenchmarkPair pair = new BenchmarkPair("bench", baseline.dataset("baseline"), current.dataset("current"),
                Direction.LOWER_IS_BETTER, List.of());
        ReportInput allocation = comparison.compare(List.of(pair), List.of(), List.of()).benchmarks().stream()
                .filter(i -> i.benchmark().equals("bench" + ReportInput.ALLOCATION_SUFFIX)).findFirst().orElseThrow();
        Map<SubsectionKey, Verdict> verdicts = new LinkedHashMap<>();
        allocation.gate().results().forEach(r -> verdicts.put(r.key(), r.verdict()));
        return verdicts;
    }

    @Test
    void anAllocationVerdictIsReMeasuredAndAModeTheBaselinesMissedLosesIt() throws IOException {
        List<List<SuiteKey>> asked = new ArrayList<>();
        Map<SubsectionKey, Verdict> first = allocationVerdicts(false, asked);
        assertEquals(Verdict.IMPROVEMENT, first.get(SPLIT), "two forks in an unseen mode: " + first);
        assertEquals(Verdict.REGRESSION, first.get(MORE), first.toString());

        Map<SubsectionKey, Verdict> confirmed = allocationVerdicts(true, asked);
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).stream().map(SuiteKey::key).toList().containsAll(List.of(SPLIT, MORE)),
                "both allocation verdicts re-measured, without a time flag: " + asked);
        assertEquals(Verdict.NO_CHANGE, confirmed.get(SPLIT), "a fresh fork in the baselines' mode: " + confirmed);
        assertEquals(Verdict.REGRESSION, confirmed.get(MORE), "16 B more in every fork, fresh ones too: " + confirmed);
        assertEquals(9, confirmed.values().stream().filter(v -> v == Verdict.NO_CHANGE).count(), confirmed.toString());
    }
}
