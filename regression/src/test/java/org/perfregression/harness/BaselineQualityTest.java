package org.perfregression.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perfregression.analysis.SuiteKey;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;

/** What a regeneration checks about its own forks before it stores them. */
class BaselineQualityTest {

    /** A benchmark whose forks land in one of two JIT modes: 48 ns in some, 447 ns in others (seen on string building). */
    @Test
    void forksThatDisagreeSeveralFoldAreNamedAndStableOnesAreNot() {
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        add(data, layout, "Bench.build", "size=16", new double[] {447, 48, 448, 51});
        add(data, layout, "Bench.compute", "size=16", new double[] {100, 101, 99, 103});
        SuiteResults results = new SuiteResults(Map.of("build", data.build()), Map.of("build", new ForkLayout(layout)),
                List.of());
        Map<SuiteKey, String> split = BaselineQuality.disagreeing(results, 2.0);
        assertEquals(List.of(new SuiteKey("build", new SubsectionKey("Bench.build", "size=16"))),
                List.copyOf(split.keySet()));
        String why = split.values().iterator().next();
        assertTrue(why.contains("4 forks from 48") && why.contains("448") && why.contains("9.3-fold"), why);
    }

    /** Regenerated from saved results: 6 passes, one subsection measured in 6 more forks (passes 7-12). */
    @Test
    void thePassesOfARunAreItsUsualForkCountNotTheExtraForksPassNumbers() {
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        add(data, layout, "Bench.build", "size=16", new double[] {447, 48, 448, 51, 47, 450, 49, 48, 446, 47, 52, 449});
        add(data, layout, "Bench.compute", "size=16", new double[] {100, 101, 99, 103, 100, 102});
        add(data, layout, "Bench.compute", "size=32", new double[] {200, 201, 199, 203, 200, 202});
        assertEquals(6, BaselineQuality.passes(List.of(new ForkLayout(layout))));
    }

    private static void add(PerformanceData.Builder data, Map<SubsectionKey, List<MeasuredFork>> layout, String section,
            String subsection, double[] forkLevels) {
        List<Double> samples = new ArrayList<>();
        List<MeasuredFork> forks = new ArrayList<>();
        for (int f = 0; f < forkLevels.length; f++) {
            for (int i = 0; i < 5; i++) {
                samples.add(forkLevels[f] * (1 + 0.001 * i));
            }
            forks.add(new MeasuredFork(5, 0, f + 1, false, null, Double.NaN));
        }
        data.add(section, subsection, samples.stream().mapToDouble(Double::doubleValue).toArray());
        layout.put(new SubsectionKey(section, subsection), forks);
    }
}
