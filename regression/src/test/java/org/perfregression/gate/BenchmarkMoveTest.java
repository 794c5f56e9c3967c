package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perfregression.check.Direction;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;

/** One benchmark of a suite slowed, the rest not: what {@link BenchmarkMove} adds to the subsection tests. */
class BenchmarkMoveTest {

    private static final GateCheck GATE = new GateCheck(ForkGate.withDefaults(), Direction.LOWER_IS_BETTER);

    /** Three benchmarks of 90 subsections, 6 baseline and 2 current forks, fork noise 10 % (this machine's). */
    private static List<GateOutcome> suite(long seed, double[] slowdowns) {
        Simulation sim = new Simulation(seed);
        sim.forkSd = 0.10;
        List<Map<SubsectionKey, ForkedSamples>> baselines = new ArrayList<>();
        List<Map<SubsectionKey, ForkedSamples>> currents = new ArrayList<>();
        List<List<double[]>> changes = new ArrayList<>();
        for (double slowdown : slowdowns) {
            Map<SubsectionKey, ForkedSamples> baseline = sim.suite(90, 6, 0);
            Map<SubsectionKey, ForkedSamples> current = new java.util.LinkedHashMap<>();
            baseline.keySet().forEach(k -> current.put(k, sim.subsection(sim.levels.get(k), 2, Math.log1p(slowdown))));
            baselines.add(baseline);
            currents.add(current);
            changes.add(GATE.changes(baseline, current));
        }
        RunEffect run = RunEffect.estimate(changes.stream().flatMap(List::stream).toList());
        List<GateOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < slowdowns.length; i++) {
            outcomes.add(GATE.withRunEffect(run).withBenchmarkMove(i, changes).compare(baselines.get(i), currents.get(i)));
        }
        return outcomes;
    }

    @Test
    void aTenPercentSlowdownOfOneBenchmarkIsAVerdictForItsSubsectionsAndNoOtherBenchmarks() {
        for (long seed = 1; seed <= 3; seed++) {
            List<GateOutcome> outcomes = suite(seed, new double[] {0, 0.10, 0});
            GateOutcome slowed = outcomes.get(1);
            assertTrue(slowed.move().moved(), slowed.oneLine());
            assertTrue(slowed.count(Verdict.REGRESSION) >= 0.9 * 90, slowed.oneLine());
            assertTrue(slowed.count(Confirmation.BENCHMARK_WIDE) > 0, slowed.oneLine());
            for (int other : new int[] {0, 2}) {
                GateOutcome o = outcomes.get(other);
                assertEquals(0, o.count(Confirmation.BENCHMARK_WIDE), o.oneLine());
                assertTrue(Math.abs(o.move().offsetPct()) < 2.5, "the suite's level is robust to one benchmark's move: "
                        + o.oneLine());
                // Their subsections' own first-test flags are confirmation's business (not simulated here).
                assertEquals(0, o.count(Confirmation.SUITE_WIDE), o.oneLine());
            }
        }
    }

    @Test
    void aBenchmarkThatDidNotFollowTheSuiteGetsNoSuiteWideVerdict() {
        // Two benchmarks, one slowed by half: the median of all subsections moves beyond the run tolerance.
        List<GateOutcome> outcomes = suite(3, new double[] {0.5, 0});
        assertTrue(Math.abs(outcomes.get(0).runShiftPct()) > GateCheck.DEFAULT_RUN_TOLERANCE_PCT, outcomes.get(0).oneLine());
        assertTrue(outcomes.get(0).count(Verdict.REGRESSION) >= 0.9 * 90, outcomes.get(0).oneLine());
        GateOutcome unchanged = outcomes.get(1);
        assertEquals(0, unchanged.count(Confirmation.SUITE_WIDE) + unchanged.count(Confirmation.BENCHMARK_WIDE),
                unchanged.oneLine());
    }

    @Test
    void aBenchmarkWideVerdictIsFlooredByTheBenchmarksChangeNotTheSubsectionsOwnMedian() {
        SubsectionKey slow = new SubsectionKey("rank_3", "SHARDED_ACCESSOR_0000001");
        SubsectionKey folded = new SubsectionKey("rank_3", "constant");
        List<GateResult> results = new ArrayList<>();
        for (SubsectionKey key : List.of(slow, folded)) {
            results.add(new GateResult(key, Verdict.REGRESSION, 1, -0.4, -20, 25, 0.9, 10, 40, 6, 2, true,
                    Confirmation.BENCHMARK_WIDE, Double.NaN, "Regression (benchmark-wide)"));
        }
        BenchmarkMove move = new BenchmarkMove(new RunEffect(Math.log(1.15), 0), 0, 0.01, 5);
        GateOutcome outcome = new GateOutcome(results, Prior.NONE, ForkGate.withDefaults(), Direction.LOWER_IS_BETTER,
                true, RunEffect.NONE, 15, move);
        Map<SubsectionKey, Double> baseline = Map.of(slow, 13.48, folded, 0.3);
        GateOutcome floored = outcome.withFloor(0.95, k -> -0.2, k -> baseline.get(k));
        assertEquals(Verdict.REGRESSION, floored.results().get(0).verdict(), "15 % of 13.48 ns is 2 ns, over the floor");
        assertEquals(Verdict.NO_CHANGE, floored.results().get(1).verdict(), "15 % of 0.3 ns is not");
    }

    @Test
    void unchangedBenchmarksNeverMoveBeyondTheTolerance() {
        for (long seed = 10; seed < 30; seed++) {
            for (GateOutcome o : suite(seed, new double[] {0, 0, 0})) {
                assertEquals(0, o.count(Confirmation.BENCHMARK_WIDE), o.oneLine());
                assertTrue(Math.abs(o.move().offsetPct()) < BenchmarkMove.DEFAULT_TOLERANCE_PCT, o.oneLine());
            }
        }
    }

    @Test
    void aMoveWithinTheToleranceIsNoVerdictEvenWhenSignificant() {
        // +3.5 %: beyond 3 standard errors of a 90-subsection benchmark, within the 5 % the machine moves one.
        GateOutcome slowed = suite(5, new double[] {0, 0.035, 0}).get(1);
        assertEquals(0, slowed.count(Confirmation.BENCHMARK_WIDE), slowed.oneLine());
        assertTrue(slowed.oneLine().contains("within the 5.0% tolerance for one benchmark"), slowed.oneLine());
    }

    @Test
    void aBenchmarkOfFewSubsectionsOrAloneHasNoMoveOfItsOwn() {
        List<double[]> few = new ArrayList<>();
        List<double[]> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i < 6) {
                few.add(new double[] {0.2, 0.01});
            }
            many.add(new double[] {0, 0.01});
        }
        assertNull(BenchmarkMove.estimate(0, List.of(few, many, many), 5));
        assertNull(BenchmarkMove.estimate(1, List.of(few, many), 5), "the only benchmark of 20 subsections or more");
        assertEquals(0, BenchmarkMove.estimate(1, List.of(few, many, many), 5).offset(), 1e-12);
    }

    @Test
    void aChangeAtTheFloorIsRarelyFlagged() {
        // The minimum-effect test: a true change of exactly the 3 % floor must be flagged at most at the
        // one-sided significance (2.5 %), not whenever noise puts its estimate past the floor (about half).
        Simulation sim = new Simulation(77);
        sim.forkSd = 0.02;
        Map<SubsectionKey, ForkedSamples> baseline = sim.suite(282, 6, 0);
        Map<SubsectionKey, ForkedSamples> current = new java.util.LinkedHashMap<>();
        baseline.keySet().forEach(k -> current.put(k, sim.subsection(sim.levels.get(k), 2, Math.log(1.03))));
        GateOutcome outcome = GATE.withRunEffect(RunEffect.NONE).compare(baseline, current);
        long flagged = outcome.results().stream().filter(GateResult::flagged).count();
        assertTrue(flagged <= 0.05 * 282, outcome.oneLine());
        long significantPastTheFloor = outcome.results().stream()
                .filter(r -> r.pValue() < 0.05 && r.changePct() > 3).count();
        assertTrue(significantPastTheFloor >= 0.2 * 282, "the premise: without the minimum-effect test many would be, "
                + significantPastTheFloor);
        assertTrue(outcome.results().stream().filter(r -> r.pValue() < 0.05 && r.changePct() > 3 && !r.flagged())
                .allMatch(r -> r.message().contains("its interval reaches inside the 3.0% floor")));
    }
}
