package org.perfregression.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;

class RegressionCheckTest {

    private static double[] around(double median, int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median + random.nextGaussian() * median * 0.002;
        }
        return values;
    }

    private static PerformanceData data(double slow, double fast, double same) {
        return PerformanceData.builder()
                .add("rank_2", "slow", around(slow, 100, 1))
                .add("rank_2", "fast", around(fast, 100, 2))
                .add("rank_3", "same", around(same, 100, 3))
                .build();
    }

    @Test
    void findsRegressionImprovementAndNoChange() {
        CheckResult result = RegressionCheck.check(data(100, 100, 100), data(110, 90, 100));
        Summary summary = result.summary();
        assertEquals(3, summary.totalTests());
        assertEquals(1, summary.regressions());
        assertEquals(1, summary.improvements());
        assertEquals(1, summary.noChange());
        assertTrue(summary.failed());
        assertEquals(1, summary.regressionMessages().size());
        assertTrue(summary.regressionMessages().get(0).matches(
                "rank_2\\.slow: Performance regression: \\+\\d+\\.\\d{3}% \\(p=0\\.000, threshold=1\\.0%\\)"),
                summary.regressionMessages().get(0));
        assertTrue(summary.improvementMessages().get(0).matches(
                "rank_2\\.fast: Performance improvement: -\\d+\\.\\d{3}% \\(p=0\\.000\\)"),
                summary.improvementMessages().get(0));
        SubsectionResult same = result.bySection().get("rank_3").get("same");
        assertTrue(same.message().startsWith("No significant change: "), same.message());
        assertEquals(Verdict.REGRESSION, result.worstFirst().get(0).verdict());
    }

    @Test
    void higherIsBetterTurnsADropIntoTheRegression() {
        CheckResult result = RegressionCheck.withDefaults().with(Direction.HIGHER_IS_BETTER)
                .compare(data(100, 100, 100), data(110, 90, 100));
        assertEquals(Verdict.IMPROVEMENT, result.bySection().get("rank_2").get("slow").verdict());
        assertEquals(Verdict.REGRESSION, result.bySection().get("rank_2").get("fast").verdict());
    }

    @Test
    void strictModeListsEveryStructuralDifference() {
        PerformanceData baseline = PerformanceData.builder()
                .add("a", "x", around(10, 100, 1))
                .add("a", "y", around(10, 100, 2))
                .add("b", "z", around(10, 100, 3))
                .build();
        PerformanceData current = PerformanceData.builder()
                .add("a", "x", around(10, 99, 1))
                .add("a", "w", around(10, 100, 2))
                .add("c", "z", around(10, 100, 3))
                .build();
        StructureMismatchException e = assertThrows(StructureMismatchException.class,
                () -> RegressionCheck.check(baseline, current));
        assertEquals(List.of(
                "a.x has 100 baseline samples but 99 current samples",
                "a.y is missing from current",
                "section b is missing from current",
                "a.w is new in current",
                "section c is new in current"), e.differences());
        assertTrue(e.getMessage().contains("5 differences"), e.getMessage());
    }

    @Test
    void lenientModeComparesWhatBothHaveAndFailsOnMissing() {
        PerformanceData baseline = PerformanceData.builder()
                .add("a", "x", around(10, 100, 1))
                .add("a", "y", around(10, 100, 2))
                .build();
        PerformanceData current = PerformanceData.builder()
                .add("a", "x", around(10, 50, 4))
                .add("a", "new", around(10, 100, 5))
                .build();
        CheckResult result = RegressionCheck.withDefaults().withLenient(true).compare(baseline, current);
        assertEquals(1, result.results().size());
        assertEquals(50, result.results().get(0).currentCount());
        assertEquals(List.of(new SubsectionKey("a", "y")), result.missingInCurrent());
        assertEquals(List.of(new SubsectionKey("a", "new")), result.newInCurrent());
        assertTrue(result.failed(), "a baseline subsection without a result fails the gate");

        CheckResult onlyNew = RegressionCheck.withDefaults().withLenient(true).compare(
                PerformanceData.builder().add("a", "x", around(10, 100, 1)).build(), current);
        assertFalse(onlyNew.failed(), "a new subsection is informational");
    }

    @Test
    void ruleValidatesItsOptions() {
        assertThrows(IllegalArgumentException.class, () -> RegressionRule.withDefaults().withSignificance(0));
        assertThrows(IllegalArgumentException.class, () -> RegressionRule.withDefaults().withNoiseThreshold(-1));
        assertThrows(IllegalArgumentException.class, () -> RegressionRule.withDefaults().withMadMultiplier(Double.NaN));
    }

    @Test
    void widerNoiseBandSilencesASmallShift() {
        PerformanceData baseline = PerformanceData.builder().add("s", "x", around(100, 100, 1)).build();
        PerformanceData current = PerformanceData.builder().add("s", "x", around(103, 100, 2)).build();
        assertTrue(RegressionCheck.check(baseline, current).failed());
        RegressionCheck tolerant = RegressionCheck.withDefaults()
                .with(RegressionRule.withDefaults().withNoiseThreshold(5.0));
        assertFalse(tolerant.compare(baseline, current).failed());
    }
}
