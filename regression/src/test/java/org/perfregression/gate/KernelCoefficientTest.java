package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.perfregression.data.SubsectionKey;

/**
 * The calibration exponent: a benchmark that does not follow the kernel must not be divided by it
 * (the user module's steady benchmarks), one that does must keep the full correction, and a change
 * of the code must not move the fit.
 */
class KernelCoefficientTest {

    private static final org.perfregression.check.Direction TIME = org.perfregression.check.Direction.LOWER_IS_BETTER;

    /**
     * One side: {@code subsections} subsections of {@code forks} forks, the machine's speed drawn per
     * fork with an SD of 4 % (the kernel sees all of it); the samples follow it by {@code follows}.
     */
    private static Map<SubsectionKey, ForkedSamples> side(Random random, int subsections, int forks, double follows,
            double change) {
        Map<SubsectionKey, ForkedSamples> side = new LinkedHashMap<>();
        for (int s = 0; s < subsections; s++) {
            List<double[]> samples = new ArrayList<>();
            List<double[]> speeds = new ArrayList<>();
            for (int f = 0; f < forks; f++) {
                double machine = random.nextGaussian() * 0.04;
                double jit = random.nextGaussian() * 0.01;
                double[] x = new double[20];
                double[] c = new double[20];
                for (int i = 0; i < x.length; i++) {
                    x[i] = 100 * (s + 1) * Math.exp(change + jit + follows * machine + random.nextGaussian() * 0.01);
                    c[i] = 3400 * Math.exp(machine + random.nextGaussian() * 0.005);
                }
                samples.add(x);
                speeds.add(c);
            }
            side.put(new SubsectionKey("rank_" + s, "config"), new ForkedSamples(samples, speeds));
        }
        return side;
    }

    private static double pooledSd(Map<SubsectionKey, ForkedSamples> side) {
        double ss = 0;
        int df = 0;
        for (ForkedSamples forks : side.values()) {
            double[] levels = forks.levels(true);
            ss += ForkGate.sampleVariance(levels) * (levels.length - 1);
            df += levels.length - 1;
        }
        return Math.sqrt(ss / df);
    }

    @Test
    void aBenchmarkThatIgnoresTheKernelIsNotDividedByIt() {
        Random random = new Random(1);
        Map<SubsectionKey, ForkedSamples> baseline = side(random, 4, 3, 0, 0);
        Map<SubsectionKey, ForkedSamples> current = side(random, 4, 3, 0, 0);
        KernelCoefficient fitted = KernelCoefficient.fit(List.of(baseline, current));
        assertTrue(fitted.value() < 0.3, "fitted " + fitted);
        assertEquals(16, fitted.df());
        // The user module's finding: dividing by the kernel more than doubles such a benchmark's noise.
        assertTrue(pooledSd(fitted.applyTo(baseline, TIME)) < pooledSd(baseline) / 2,
                pooledSd(fitted.applyTo(baseline, TIME)) + " against " + pooledSd(baseline));
    }

    @Test
    void aWholeSideOnAFasterMachineIsStillCorrectedInFull() {
        Random random = new Random(6);
        Map<SubsectionKey, ForkedSamples> baseline = side(random, 4, 10, 0, 0);
        // The current side ran with the machine 6 % faster: kernel and benchmark alike.
        Map<SubsectionKey, ForkedSamples> current = new LinkedHashMap<>();
        side(random, 4, 10, 0, 0).forEach((key, f) -> current.put(key, new ForkedSamples(
                f.forks().stream().map(x -> java.util.Arrays.stream(x).map(v -> v * 0.94).toArray()).toList(),
                f.speeds().stream().map(c -> java.util.Arrays.stream(c).map(v -> v * 0.94).toArray()).toList())));
        KernelCoefficient fitted = KernelCoefficient.fit(List.of(baseline, current));
        assertTrue(fitted.value() < 0.3, "fitted " + fitted);
        Map<SubsectionKey, ForkedSamples> b = fitted.applyTo(baseline, TIME);
        Map<SubsectionKey, ForkedSamples> c = fitted.applyTo(current, TIME);
        for (SubsectionKey key : baseline.keySet()) {
            double change = mean(c.get(key).levels(true)) - mean(b.get(key).levels(true));
            // Uncorrected it would read ln(0.94) = -0.062; the 10th percentile of 40 forks' kernel times, whose
            // machine factor varies by 4 % from fork to fork, is itself known to about 1-2 %.
            assertEquals(0, change, 0.03, key + ": the machine's speed is not a change of the code");
        }
    }

    @Test
    void throughputOnAFasterMachineIsCorrectedTheOtherWayRound() {
        Random random = new Random(7);
        Map<SubsectionKey, ForkedSamples> baseline = new LinkedHashMap<>();
        Map<SubsectionKey, ForkedSamples> current = new LinkedHashMap<>();
        // Operations per second: the machine 6 % faster gives 1/0.94 as many, its kernel takes 0.94 the time.
        side(random, 4, 10, 0, 0).forEach((key, f) -> baseline.put(key, new ForkedSamples(
                f.forks().stream().map(x -> java.util.Arrays.stream(x).map(v -> 1e9 / v).toArray()).toList(),
                f.speeds()).forHigherIsBetter()));
        side(random, 4, 10, 0, 0).forEach((key, f) -> current.put(key, new ForkedSamples(
                f.forks().stream().map(x -> java.util.Arrays.stream(x).map(v -> 1e9 / (v * 0.94)).toArray()).toList(),
                f.speeds().stream().map(c -> java.util.Arrays.stream(c).map(v -> v * 0.94).toArray()).toList())
                .forHigherIsBetter()));
        KernelCoefficient fitted = KernelCoefficient.fit(List.of(baseline, current));
        org.perfregression.check.Direction higher = org.perfregression.check.Direction.HIGHER_IS_BETTER;
        Map<SubsectionKey, ForkedSamples> b = fitted.applyTo(baseline, higher);
        Map<SubsectionKey, ForkedSamples> c = fitted.applyTo(current, higher);
        for (SubsectionKey key : baseline.keySet()) {
            double change = mean(c.get(key).levels(true)) - mean(b.get(key).levels(true));
            // Uncorrected it would read ln(0.94) = -0.062; the 10th percentile of 40 forks' kernel times, whose
            // machine factor varies by 4 % from fork to fork, is itself known to about 1-2 %.
            assertEquals(0, change, 0.03, key + ": the machine's speed is not a change of the code");
        }
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElseThrow();
    }

    @Test
    void aBenchmarkThatFollowsTheKernelKeepsTheFullCorrection() {
        Random random = new Random(2);
        Map<SubsectionKey, ForkedSamples> baseline = side(random, 4, 3, 1.5, 0);
        Map<SubsectionKey, ForkedSamples> current = side(random, 4, 3, 1.5, 0);
        KernelCoefficient fitted = KernelCoefficient.fit(List.of(baseline, current));
        assertEquals(KernelCoefficient.MAX, fitted.value());
        assertSame(baseline, fitted.applyTo(baseline, TIME));
    }

    @Test
    void aChangeOfTheCodeDoesNotMoveTheFit() {
        Map<SubsectionKey, ForkedSamples> baseline = side(new Random(3), 6, 3, 0.5, 0);
        KernelCoefficient unchanged = KernelCoefficient.fit(List.of(baseline, side(new Random(4), 6, 3, 0.5, 0)));
        KernelCoefficient changed = KernelCoefficient.fit(List.of(baseline, side(new Random(4), 6, 3, 0.5,
                Math.log(1.3))));
        assertTrue(unchanged.value() > 0.2 && unchanged.value() < 0.8, "fitted " + unchanged);
        assertEquals(unchanged.value(), changed.value(), 1e-9);
    }

    @Test
    void tooFewForksKeepTheKernelAsItIs() {
        Map<SubsectionKey, ForkedSamples> one = side(new Random(5), 2, 3, 0, 0);
        assertSame(KernelCoefficient.ONE, KernelCoefficient.fit(List.of(one)));
        Map<SubsectionKey, ForkedSamples> unstructured = Map.of(new SubsectionKey("a", "b"),
                ForkedSamples.unstructured(new double[] {1, 2, 3}));
        assertSame(KernelCoefficient.ONE, KernelCoefficient.fit(List.of(unstructured, unstructured)));
    }
}
