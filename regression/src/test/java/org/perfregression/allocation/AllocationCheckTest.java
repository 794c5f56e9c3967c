package org.perfregression.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.Confirmation;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.GateOutcome;
import org.perfregression.gate.GateResult;

class AllocationCheckTest {

    private static final AllocationCheck CHECK = AllocationCheck.withDefaults();
    private static final SubsectionKey KEY = new SubsectionKey("rank_2", "SHARDED_ACCESSOR_0110001");

    private static Verdict verdict(double[] baseline, double[] current) {
        return CHECK.compare(KEY, baseline, current, 1).verdict();
    }

    @Test
    void oneMoreObjectPerOperationInEveryForkIsARegression() {
        GateResult r = CHECK.compare(KEY, new double[] {48, 48, 48.0001, 48, 48, 48}, new double[] {64, 64.0002}, 1);
        assertEquals(Verdict.REGRESSION, r.verdict(), r.message());
        assertTrue(r.message().startsWith("Allocation regression: +16.0 B/op"), r.message());
        assertEquals(Confirmation.EXACT, r.confirmation());
        assertEquals(33.3, r.changePct(), 0.1);
        assertTrue(Double.isNaN(r.pValue()), "no statistical test");
    }

    @Test
    void escapeAnalysisSplitsBetweenForksAreNoVerdict() {
        double[] split = {0, 24, 24, 0, 24, 24};
        assertEquals(Verdict.NO_CHANGE, verdict(split, new double[] {24, 0}));
        assertEquals(Verdict.NO_CHANGE, verdict(split, new double[] {24, 24}));
        assertEquals(Verdict.NO_CHANGE, verdict(split, new double[] {0, 0}));
        assertEquals(Verdict.REGRESSION, verdict(split, new double[] {40, 40}), "every fork above the most any baseline fork allocated");
    }

    @Test
    void aFreshForkInTheOtherEscapeAnalysisModeKeepsASplitFromBeingAVerdict() {
        // An unchanged run of a page walk (2026-12-02): both first forks in a mode the baselines never
        // showed, one of the three fresh forks back in the baselines' mode.
        double[] baseline = {222.0, 222.1, 229.4, 230.1, 233.6, 248.0};
        assertEquals(Verdict.IMPROVEMENT, verdict(baseline, new double[] {161.7, 158.8}), "the first forks alone");
        assertEquals(Verdict.NO_CHANGE, verdict(baseline, new double[] {161.7, 158.8, 228.8, 160.8, 157.0}),
                "with the fresh forks");
    }

    @Test
    void aBaselineInTwoModesJudgesEachForkAgainstTheModeNearestToIt() {
        // pages_iterator rank 5 in the baselines of 2026-12-03 (the benchmark threads' bytes): two modes
        // 49.5 B apart. Sixteen bytes more lie between them for a fork of the lower one.
        double[] baseline = {173.0, 173.5, 173.4, 172.9, 123.5, 123.6};
        assertEquals(2, CHECK.modes(baseline).size());
        GateResult more = CHECK.compare(KEY, baseline, new double[] {189.5, 139.6}, 1);
        assertEquals(Verdict.REGRESSION, more.verdict(), more.message());
        assertTrue(more.message().startsWith("Allocation regression: +16.0 B/op against the nearest mode"), more.message());
        assertEquals(Verdict.REGRESSION, verdict(baseline, new double[] {139.5, 139.6}), "both in the lower mode");
        // Unchanged forks in any mix of the modes: no verdict.
        assertEquals(Verdict.NO_CHANGE, verdict(baseline, new double[] {173.2, 123.5}));
        assertEquals(Verdict.NO_CHANGE, verdict(baseline, new double[] {123.6, 123.5, 123.4}));
        // One fork off the modes, one in them; a rise and a fall: no verdict.
        assertEquals(Verdict.NO_CHANGE, verdict(baseline, new double[] {139.5, 173.1}));
        assertEquals(Verdict.NO_CHANGE, verdict(baseline, new double[] {139.5, 160.0}), "16 above one, 13 below the other");
        assertEquals(Verdict.IMPROVEMENT, verdict(baseline, new double[] {107.5, 157.4}), "16 bytes fewer in each mode");
    }

    @Test
    void aForkInAModeTheBaselineNeverShowedNoLongerHidesARiseInTheOthers() {
        // alloc21 (16 more bytes per operation, 2026-12-03): constructor rank 2 SHARDED_ACCESSOR_0110101,
        // six baseline forks at 184 B/op, the run's forks at 200 and at 152 (a mode of its own).
        double[] baseline = {184.0, 184.0, 184.0, 184.0, 184.0, 184.0};
        Map<SubsectionKey, double[]> base = Map.of(KEY, baseline);
        GateResult tie = CHECK.compare(KEY, baseline, new double[] {200.0, 152.0}, 1);
        assertEquals(Verdict.NO_CHANGE, tie.verdict(), "one above, one below: these forks cannot tell");
        assertTrue(tie.message().contains("1 above, 1 below"), tie.message());
        assertEquals(List.of(KEY), CHECK.unsettled(base, Map.of(KEY, new double[] {200.0, 152.0})), "to be re-measured");
        // Three fresh forks: the rise in the baseline's mode shows in most forks.
        GateResult settled = CHECK.compare(KEY, baseline, new double[] {200.0, 152.0, 200.0, 200.0, 152.0}, 1);
        assertEquals(Verdict.REGRESSION, settled.verdict(), settled.message());
        assertTrue(settled.message().contains("3 above, 2 below"), settled.message());
        // Unchanged fresh forks in the baseline's mode take it away.
        assertEquals(Verdict.NO_CHANGE, verdict(baseline, new double[] {200.0, 152.0, 184.0, 184.0, 184.0}));
        assertEquals(List.of(), CHECK.unsettled(base, Map.of(KEY, new double[] {200.0, 184.0})), "one fork in the mode");
        assertEquals(List.of(), CHECK.unsettled(base, Map.of(KEY, new double[] {200.0, 200.0})), "a verdict, not doubt");
        // Fewer bytes in most forks: an improvement, whichever mode the others took.
        assertEquals(Verdict.IMPROVEMENT, verdict(baseline, new double[] {168.0, 168.0, 200.0}));
    }

    @Test
    void aForkAloneBeyondAGapIsNoModeAndTheBaselinesWholeRangeCounts() {
        // The whole JVM's figures of manual_pages_iteration rank 5 (2026-12-01): noise of JMH's share, one slow fork.
        double[] baseline = {75.0, 75.8, 102.5, 84.2, 76.0, 79.6};
        assertTrue(CHECK.modes(baseline).isEmpty());
        assertEquals(Verdict.NO_CHANGE, verdict(baseline, new double[] {93.0, 94.0}), "inside the range, in its gap");
    }

    @Test
    void whereFiguresAreExactAForkAloneIsAModeOfItsOwn() {
        // The benchmark threads' figures of pages_iterator rank 5 in the baselines of 2026-12-03 05:10,
        // and alloc19's current forks with 16 more bytes per operation (measured).
        double[] baseline = {172.9, 173.6, 173.4, 173.4, 172.9, 123.3};
        double[] moreBytes = {189.6, 139.6};
        AllocationCheck exact = CHECK.withExactFigures(true);
        assertEquals(2, exact.modes(baseline).size());
        GateResult caught = exact.compare(KEY, baseline, moreBytes, 1);
        assertEquals(Verdict.REGRESSION, caught.verdict(), caught.message());
        assertEquals(Verdict.NO_CHANGE, verdict(baseline, moreBytes), "two forks a mode: 139.6 lies inside the range");
        assertEquals(Verdict.NO_CHANGE, exact.compare(KEY, baseline, new double[] {123.4, 173.1}, 1).verdict(),
                "unchanged, one fork in each mode");
        assertEquals(Verdict.NO_CHANGE, exact.compare(KEY, baseline, new double[] {123.5, 123.3}, 1).verdict(),
                "unchanged, both forks in the lone fork's mode");
    }

    @Test
    void codeThatAllocatesNothingIsJudgedInBytes() {
        double[] nothing = {4.8e-5, 1.9e-5, 2.1e-5};
        GateResult same = CHECK.compare(KEY, nothing, new double[] {2.8e-5, 1.8e-5}, 1);
        assertEquals(Verdict.NO_CHANGE, same.verdict(), same.message());
        GateResult sixteen = CHECK.compare(KEY, nothing, new double[] {16.00002, 16.00001}, 1);
        assertEquals(Verdict.REGRESSION, sixteen.verdict(), sixteen.message());
        assertEquals(Verdict.NO_CHANGE, verdict(nothing, new double[] {7.9, 7.9}), "under the 8 B/op tolerance");
    }

    @Test
    void theHarnessShareOfASlowerOperationIsNoAllocationRegression() {
        // Measured on the plugin's sample: 5 us operations made ten times slower went from 1.0 to 9.9 B/op,
        // a fixed allocation per iteration spread over a tenth of the operations.
        double[] harness = {0.99, 1.00, 1.01};
        GateResult slower = CHECK.compare(KEY, harness, new double[] {9.86, 9.9}, 9.9);
        assertEquals(Verdict.NO_CHANGE, slower.verdict(), slower.message());
        assertTrue(slower.message().contains("9.90x the time per operation"), slower.message());
        assertEquals(Verdict.REGRESSION, CHECK.compare(KEY, harness, new double[] {9.86, 9.9}, 1).verdict(),
                "the same rise at the same speed is the code's");
        assertEquals(Verdict.REGRESSION, CHECK.compare(KEY, harness, new double[] {26, 26}, 9.9).verdict(),
                "one more object per operation still shows");
        assertEquals(Verdict.NO_CHANGE, CHECK.compare(KEY, new double[] {48, 48}, new double[] {48, 48}, 10).verdict(),
                "an allocation of its own is not scaled");
    }

    @Test
    void theRelativeToleranceCoversLargeAllocations() {
        assertEquals(Verdict.NO_CHANGE, verdict(new double[] {1000, 1000}, new double[] {1015, 1019}), "2 % is 20 B/op");
        assertEquals(Verdict.REGRESSION, verdict(new double[] {1000, 1000}, new double[] {1030, 1030}));
        assertEquals(Verdict.IMPROVEMENT, verdict(new double[] {1000, 1000}, new double[] {900, 950}));
        assertEquals(Verdict.NO_CHANGE, verdict(new double[] {1000, 1000}, new double[] {900, 1000}),
                "one current fork as before: no improvement");
    }

    @Test
    void anOutcomeFailsOnARegressionAndComparesCommonSubsectionsOnly() {
        Map<SubsectionKey, double[]> baseline = new LinkedHashMap<>();
        Map<SubsectionKey, double[]> current = new LinkedHashMap<>();
        baseline.put(KEY, new double[] {48, 48});
        baseline.put(new SubsectionKey("rank_3", "x"), new double[] {0, 0});
        current.put(KEY, new double[] {48, 48});
        GateOutcome same = CHECK.compare(baseline, current, Map.of(), ForkGate.withDefaults());
        assertEquals(1, same.results().size());
        assertFalse(same.failed(), same.oneLine());
        current.put(KEY, new double[] {72, 72});
        GateOutcome more = CHECK.compare(baseline, current, Map.of(), ForkGate.withDefaults());
        assertTrue(more.failed(), more.oneLine());
        assertFalse(more.oneLine().contains("not confirmed"), "exact: nothing to confirm: " + more.oneLine());
    }
}
