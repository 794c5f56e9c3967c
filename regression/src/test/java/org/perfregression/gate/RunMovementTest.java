package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.perfregression.stats.SampleStatistics;

/** A subsection's movement from run to run, beyond its forks' noise, from earlier runs. */
class RunMovementTest {

    /**
     * {@code runs} runs of {@code subsections} subsections, {@code forks} forks each: fork levels
     * around the run's level with SD {@code forkSd}; each run's level of a subsection moves by
     * {@code movementSd}, and the whole run by {@code shiftSd} (all on the log scale).
     */
    private static List<Map<Integer, double[]>> runs(int runs, int subsections, int forks, double forkSd,
            double movementSd, double shiftSd, long seed) {
        Random random = new Random(seed);
        List<Map<Integer, double[]>> all = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            double shift = random.nextGaussian() * shiftSd;
            Map<Integer, double[]> run = new LinkedHashMap<>();
            for (int s = 0; s < subsections; s++) {
                double level = Math.log(100 + s) + shift + random.nextGaussian() * movementSd;
                double[] levels = new double[forks];
                for (int f = 0; f < forks; f++) {
                    levels[f] = level + random.nextGaussian() * forkSd;
                }
                run.put(s, levels);
            }
            all.add(run);
        }
        return all;
    }

    private static double medianSd(Map<Integer, Double> movement) {
        return Math.sqrt(SampleStatistics.median(movement.values().stream().mapToDouble(Double::doubleValue).toArray()));
    }

    @Test
    void aMovementIsEstimatedBeyondTheForksNoise() {
        // Ten runs of three forks, forks 10 % apart, each run's level moving by 10 %: the median estimate finds it.
        Map<Integer, Double> moving = RunMovement.estimate(runs(10, 400, 3, 0.10, 0.10, 0, 1));
        assertEquals(400, moving.size());
        assertEquals(0.10, medianSd(moving), 0.02, "the movement's SD, median over the subsections");
        // The same forks without a movement: most subsections estimate none, the estimate stays small.
        Map<Integer, Double> steady = RunMovement.estimate(runs(10, 400, 3, 0.10, 0, 0, 1));
        long none = steady.values().stream().filter(v -> v == 0).count();
        assertTrue(none > 400 / 3, none + " of 400 steady subsections without a movement");
        assertTrue(medianSd(steady) < 0.04, "steady: median movement SD " + medianSd(steady));
    }

    @Test
    void oneRunThatMovedIsRemembered() {
        // As the module's lookup benchmark: four runs at its level, one 58 % slower in all its forks.
        Map<String, double[]> usual = Map.of("find n=2048", new double[] {0.00, 0.03, -0.02});
        Map<String, double[]> slow = Map.of("find n=2048", new double[] {0.44, 0.47, 0.46});
        double movement = RunMovement.estimate(List.of(usual, usual, slow, usual, usual)).get("find n=2048");
        assertTrue(Math.sqrt(movement) > 0.15, "SD " + Math.sqrt(movement));
        assertTrue(RunMovement.describe(Map.of("find n=2048", movement), 5).contains("largest 22."),
                RunMovement.describe(Map.of("find n=2048", movement), 5));
    }

    @Test
    void aSuitesShiftIsNotASubsectionsMovement() {
        // Whole runs 10 % apart: a suite of 30 subsections takes each run's shift out, as the gate does...
        Map<Integer, Double> suite = RunMovement.estimate(runs(8, 30, 2, 0.03, 0, 0.10, 2));
        assertTrue(medianSd(suite) < 0.03, "suite: " + medianSd(suite));
        // ...a module of 9 cannot estimate a run's shift, and its subsections do move with it.
        Map<Integer, Double> module = RunMovement.estimate(runs(8, 9, 2, 0.03, 0, 0.10, 2));
        assertTrue(medianSd(module) > 0.06, "module: " + medianSd(module));
    }

    @Test
    void fewerThanThreeRunsOrNoSecondForkGiveNoEstimate() {
        assertTrue(RunMovement.estimate(runs(2, 5, 3, 0.1, 0.1, 0, 3)).isEmpty(), "two runs");
        assertTrue(RunMovement.estimate(runs(6, 5, 1, 0.1, 0.1, 0, 3)).isEmpty(), "one fork per run: no fork noise known");
        assertFalse(RunMovement.estimate(runs(3, 5, 2, 0.1, 0.1, 0, 3)).isEmpty(), "three runs of two forks");
        assertTrue(RunMovement.describe(Map.of(), 2).contains("no subsection"), RunMovement.describe(Map.of(), 2));
    }

    @Test
    void theGateJudgesARestlessSubsectionAgainstItsMovement() {
        Simulation sim = new Simulation(5);
        sim.forkSd = 0.03;
        Map<org.perfregression.data.SubsectionKey, ForkedSamples> baseline = new LinkedHashMap<>();
        Map<org.perfregression.data.SubsectionKey, ForkedSamples> current = new LinkedHashMap<>();
        for (int s = 0; s < 9; s++) {
            org.perfregression.data.SubsectionKey key = new org.perfregression.data.SubsectionKey("find", "n=" + s);
            baseline.put(key, sim.subsection(100 + s, 12));
            // The first subsection's forks all in a slow state this run, 45 % off: no change of the code.
            current.put(key, sim.subsection(100 + s, 3, s == 0 ? Math.log(1.45) : 0));
        }
        GateCheck gate = new GateCheck(ForkGate.withDefaults(), org.perfregression.check.Direction.LOWER_IS_BETTER);
        org.perfregression.data.SubsectionKey restless = new org.perfregression.data.SubsectionKey("find", "n=0");
        assertEquals(org.perfregression.check.Verdict.REGRESSION, gate.compare(baseline, current).results().get(0).verdict());
        // Earlier runs showed it moving by 25 % from run to run: within that, no verdict, and its MDC says so.
        GateResult judged = gate.withMovement(Map.of(restless, 0.25 * 0.25)).compare(baseline, current).results().get(0);
        assertEquals(org.perfregression.check.Verdict.NO_CHANGE, judged.verdict(), judged.message());
        assertTrue(judged.mdcPct() > 50, "MDC " + judged.mdcPct());
        // A movement smaller than the run's own interaction changes nothing.
        assertEquals(new RunEffect(0.01, 0.04), new RunEffect(0.01, 0.04).withInteractionAtLeast(0.01));
    }

    @Test
    void aSubsectionInTwoModesMovesByItsLevelNotByItsMix() {
        // A quarter of the forks ten times slower (a JIT decision per JVM), 2 % apart within a mode:
        // a run of 3 forks holds 0, 1 or 2 slow ones by chance.
        Random random = new Random(11);
        double slow = Math.log(10);
        double[] baseline = new double[12];
        for (int f = 0; f < baseline.length; f++) {
            baseline[f] = (f % 4 == 0 ? slow : 0) + random.nextGaussian() * 0.02;
        }
        ForkModes modes = ForkModes.of(baseline);
        assertTrue(modes.found(), "the baseline's modes");
        int[] slowForks = {0, 1, 2, 0, 1, 0, 2, 1, 0, 1};
        List<Map<String, double[]>> steady = new ArrayList<>();
        List<Map<String, double[]>> moving = new ArrayList<>();
        for (int r = 0; r < slowForks.length; r++) {
            double[] levels = new double[3];
            for (int f = 0; f < levels.length; f++) {
                levels[f] = (f < slowForks[r] ? slow : 0) + random.nextGaussian() * 0.02;
            }
            steady.add(Map.of("build n=16", levels));
            // The same forks, each run's level moved by 15 % (SD) in both modes.
            double movement = random.nextGaussian() * 0.15;
            moving.add(Map.of("build n=16", Arrays.stream(levels).map(l -> l + movement).toArray()));
        }
        Map<String, ForkModes> byMode = Map.of("build n=16", modes);
        // Pooled, the modes' distance is the forks' noise and hides the movement; within the modes it shows.
        assertEquals(0, RunMovement.estimate(moving).get("build n=16"), "pooled");
        double found = RunMovement.estimate(moving, byMode).get("build n=16");
        assertEquals(0.15, Math.sqrt(found), 0.08, "within the modes");
        // The mix moving from run to run by chance is not a movement either way.
        assertEquals(0, RunMovement.estimate(steady, byMode).get("build n=16"), "steady, within the modes");
        assertEquals(0, RunMovement.estimate(steady).get("build n=16"), "steady, pooled");
    }
}
