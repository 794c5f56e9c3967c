package org.perfregression.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.perfregression.testing.ReferenceCases.assertRelativelyClose;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest.Result;
import org.apache.commons.statistics.inference.PValueMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perfregression.testing.ReferenceCases;
import org.perfregression.testing.ReferenceCases.Case;

class MannWhitneyUTest {

    private final MannWhitneyU test = MannWhitneyU.withDefaults();

    static List<Case> referenceCases() {
        return ReferenceCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void matchesScipy(Case c) {
        MannWhitneyUResult result = test.test(c.current(), c.baseline());
        assertEquals(c.u1(), result.u1(), "U1");
        assertEquals(c.scipyMethod(), result.method().name().toLowerCase(), "method");
        double expected = c.scipyP() == null ? 1.0 : c.scipyP();
        assertRelativelyClose(expected, result.pValue(), 1e-9, "p");
    }

    @Test
    void anExactDistributionBeyondMemoryIsRefusedNotAttempted() {
        // 8 against ten million samples: scipy's rule says exact, the count would need ~40 million big integers.
        double[] few = IntStream.range(0, 8).mapToDouble(i -> 5.00000051 + i * 1e-9).toArray();
        double[] many = IntStream.range(0, 10_000_000).mapToDouble(i -> i * 1e-6).toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MannWhitneyU.withDefaults().test(few, many));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("beyond this tool's limit"), e.getMessage());
    }

    @Test
    void exactDistributionEqualsBruteForceEnumeration() {
        Random random = new Random(7);
        for (int m = 1; m <= 5; m++) {
            for (int n = m; n <= 9; n++) {
                double[] x = distinct(random, m);
                double[] y = distinct(random, n);
                // shift y so the statistic varies across the whole range
                for (int i = 0; i < n; i++) {
                    y[i] += random.nextInt(3) - 1;
                }
                if (hasTies(x, y)) {
                    continue;
                }
                MannWhitneyUResult result = test.with(MannWhitneyU.Method.EXACT).test(x, y);
                double uMin = Math.min(result.u1(), (double) m * n - result.u1());
                assertRelativelyClose(bruteForceTwoSided(m, n, uMin), result.pValue(), 1e-12, m + " vs " + n);
            }
        }
    }

    @Test
    void agreesWithCommonsStatisticsConfiguredAsScipyOnRandomData() {
        org.apache.commons.statistics.inference.MannWhitneyUTest oracle =
                org.apache.commons.statistics.inference.MannWhitneyUTest.withDefaults()
                        .with(AlternativeHypothesis.TWO_SIDED).with(ContinuityCorrection.ENABLED);
        Random random = new Random(11);
        for (int trial = 0; trial < 400; trial++) {
            int n1 = 1 + random.nextInt(trial % 2 == 0 ? 8 : 60);
            int n2 = 1 + random.nextInt(60);
            boolean integers = trial % 3 == 0;
            double[] x = sample(random, n1, integers, 0);
            double[] y = sample(random, n2, integers, random.nextInt(3));
            MannWhitneyUResult ours = test.test(x, y);
            PValueMethod method = ours.method() == MannWhitneyU.Method.EXACT
                    ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC;
            Result theirs = oracle.with(method).test(x, y);
            double expected = Double.isNaN(theirs.getPValue()) ? 1.0 : theirs.getPValue();
            assertEquals(theirs.getStatistic(), ours.u1(), "U1 of trial " + trial);
            assertRelativelyClose(expected, ours.pValue(), 1e-12, "p of trial " + trial);
        }
    }

    @Test
    void veryUnbalancedExactSamplesNeedLittleMemory() {
        // 5 against 10,000 runs out of memory in commons-statistics' exact table; the truncated
        // Gaussian binomial needs coefficients up to min(U1, U2) only.
        double[] small = {10.5, 20.5, 30.5, 5000.5, 9000.5};
        double[] large = IntStream.range(0, 10_000).mapToDouble(i -> i).toArray();
        MannWhitneyUResult result = test.test(small, large);
        assertEquals(MannWhitneyU.Method.EXACT, result.method());
        MannWhitneyUResult asymptotic = test.with(MannWhitneyU.Method.ASYMPTOTIC).test(small, large);
        assertRelativelyClose(asymptotic.pValue(), result.pValue(), 0.05, "exact close to normal for large n");
    }

    @Test
    void identicalConstantsGiveOne() {
        assertEquals(1.0, test.test(new double[] {5, 5, 5}, new double[] {5, 5}).pValue());
    }

    @Test
    void rejectsEmptySamplesAndExactWithTies() {
        assertThrows(IllegalArgumentException.class, () -> test.test(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> test.with(MannWhitneyU.Method.EXACT).test(new double[] {1, 1}, new double[] {2}));
    }

    @Test
    void leavesItsArgumentsAlone() {
        double[] x = {3, 1, 2};
        test.test(x, new double[] {9, 8});
        assertEquals(List.of(3.0, 1.0, 2.0), Arrays.stream(x).boxed().toList());
    }

    /** 2 * P(U <= uMin) by enumerating every placement of the m ranks of x among m + n. */
    private static double bruteForceTwoSided(int m, int n, double uMin) {
        int total = m + n;
        long all = 0;
        long tail = 0;
        for (int mask = 0; mask < (1 << total); mask++) {
            if (Integer.bitCount(mask) != m) {
                continue;
            }
            int rankSum = 0;
            for (int r = 0; r < total; r++) {
                if ((mask & (1 << r)) != 0) {
                    rankSum += r + 1;
                }
            }
            double u = rankSum - m * (m + 1) / 2.0;
            all++;
            if (u <= uMin) {
                tail++;
            }
        }
        return Math.min(1.0, 2.0 * tail / all);
    }

    private static double[] distinct(Random random, int size) {
        return random.doubles(size, 0, 1000).map(Math::floor).map(v -> v + 0.5 * random.nextDouble()).toArray();
    }

    private static double[] sample(Random random, int size, boolean integers, int shift) {
        return random.doubles(size).map(v -> integers ? Math.floor(v * 5) + shift : v * 10 + shift).toArray();
    }

    private static boolean hasTies(double[] x, double[] y) {
        double[] all = new double[x.length + y.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(y, 0, all, x.length, y.length);
        return Arrays.stream(all).distinct().count() != all.length;
    }
}
