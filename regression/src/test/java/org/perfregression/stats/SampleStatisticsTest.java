package org.perfregression.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.perfregression.testing.ReferenceCases;
import org.perfregression.testing.ReferenceCases.Case;

class SampleStatisticsTest {

    static List<Case> referenceCases() {
        return ReferenceCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void medianAndMadAreNumpysBitForBit(Case c) {
        assertEquals(c.baselineMedian(), SampleStatistics.median(c.baseline()), 0.0);
        assertEquals(c.currentMedian(), SampleStatistics.median(c.current()), 0.0);
        assertEquals(c.baselineMad(), SampleStatistics.mad(c.baseline()), 0.0);
    }

    @Test
    void evenCountMedianAveragesTheMiddlePair() {
        assertEquals(2.5, SampleStatistics.median(new double[] {4, 1, 3, 2}));
        assertEquals(3.0, SampleStatistics.median(new double[] {5, 1, 3}));
    }

    @Test
    void meanAndPopulationStd() {
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5.0, SampleStatistics.mean(values));
        assertEquals(2.0, SampleStatistics.std(values));
    }

    @Test
    void pairwiseSummationAssociatesAsNumpy() {
        // Expected values printed by numpy on this project's machine:
        //   np.mean(np.full(1000, 0.1))          -> 0.10000000000000002 (a running sum gives 0.0999999999999986)
        //   np.mean(np.arange(1, 1001) * 0.37)   -> 185.185
        //   np.std(np.arange(1, 1001) * 0.37)    -> 106.80974639516751
        double[] tenths = new double[1000];
        java.util.Arrays.fill(tenths, 0.1);
        assertEquals(0.10000000000000002, SampleStatistics.mean(tenths), 0.0);
        double[] ramp = new double[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (i + 1) * 0.37;
        }
        assertEquals(185.185, SampleStatistics.mean(ramp), 0.0);
        assertEquals(106.80974639516751, SampleStatistics.std(ramp), 0.0);
    }

    @Test
    void linearMadOfSortedValuesEqualsTheSortingOne() {
        java.util.Random random = new java.util.Random(3);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(trial < 1000 ? 12 : 500);
            boolean ties = trial % 2 == 0;
            double[] values = random.doubles(n).map(v -> ties ? Math.floor(v * 4) : v * 1000 - 300).toArray();
            double[] sorted = SampleStatistics.sortedCopy(values);
            double median = SampleStatistics.medianOfSorted(sorted);
            assertEquals(SampleStatistics.madAround(values, median), SampleStatistics.madOfSorted(sorted, median), 0.0,
                    "trial " + trial);
        }
    }

    @Test
    void emptyIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SampleStatistics.median(new double[0]));
    }
}
