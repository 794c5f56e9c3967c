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
        assertTrue(pooledSd(fitted.applyTo(baseline)) < pooledSd(baseline) / 2,
                pooledSd(fitted.applyTo(baseline)) + " against " + pooledSd(baseline));
    }

    @Test
    void aBenchmarkThatFollowsTheKernelKeepsTheFullCorrection() {
        Random random = new Random(2);
        Map<SubsectionKey, ForkedSamples> baseline = side(random, 4, 3, 1.5, 0);
        Map<SubsectionKey, ForkedSamples> current = side(random, 4, 3, 1.5, 0);
        KernelCoefficient fitted = KernelCoefficient.fit(List.of(baseline, current));
        assertEquals(KernelCoefficient.MAX, fitted.value());
        assertSame(baseline, fitted.applyTo(baseline));
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
