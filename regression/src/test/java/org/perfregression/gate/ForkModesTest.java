package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.perfregression.check.Direction;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;

class ForkModesTest {

    private static double[] log(double... ns) {
        double[] levels = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            levels[i] = Math.log(ns[i]);
        }
        return levels;
    }

    @Test
    void twoModesFarApartAreFoundAndTheRarerIsAlignedOntoTheMain() {
        double[] baseline = log(48, 49, 47.5, 48.5, 447, 48, 450, 48.2);
        ForkModes modes = ForkModes.of(baseline);
        assertTrue(modes.found());
        assertTrue(modes.mainIsLow());
        // Medians of the log levels: of 447 and 450, of the six around 48.
        assertEquals((Math.log(447) + Math.log(450) - Math.log(48) - Math.log(48.2)) / 2, modes.gap(), 1e-12);
        double[] aligned = modes.align(log(48, 449));
        assertEquals(Math.log(48), aligned[0], 1e-12);
        assertEquals(Math.log(449) - modes.gap(), aligned[1], 1e-12);
        // The main mode is the one most baseline forks are in, here the slow one.
        assertFalse(ForkModes.of(log(447, 449, 448, 450, 48, 451, 449.5)).mainIsLow());
    }

    @Test
    void noModesInOneCloudOrInMilderClusters() {
        Random random = new Random(17);
        int found = 0;
        for (int draw = 0; draw < 2000; draw++) {
            double[] levels = new double[6];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = random.nextGaussian() * 0.10;
            }
            found += ForkModes.of(levels).found() ? 1 : 0;
        }
        assertEquals(0, found, "6 forks with a 10 % fork-to-fork spread");
        // The accessor suite's clusters 15-70 % apart stay pooled (see ForkModes).
        assertFalse(ForkModes.of(log(20, 20.2, 19.9, 20.1, 34, 20.05)).found());
        // Too few forks to tell modes from chance.
        assertFalse(ForkModes.of(log(48, 49, 447, 48, 450)).found());
        assertArrayEquals(log(48, 447), ForkModes.NONE.align(log(48, 447)));
    }

    @Test
    void theMixIsJudgedByFishersExactTest() {
        ForkModes modes = ForkModes.of(log(48, 49, 47.5, 48.5, 447, 48.2));
        double[] baseline = log(48, 49, 47.5, 48.5, 447, 48.2);
        boolean[] b = modes.high(baseline, null);
        // 1 of 6 baseline forks slow; both current forks slow: C(3,2) / C(8,2) = 3/28.
        assertEquals(3.0 / 28, modes.mixP(b, modes.high(log(450, 446), null), Direction.LOWER_IS_BETTER), 1e-12);
        // 4 of 5 slow: (C(5,4) C(6,1) + C(5,5)) / C(11,5) = 31/462.
        assertEquals(31.0 / 462, modes.mixP(b, modes.high(log(450, 446, 448, 48, 449), null),
                Direction.LOWER_IS_BETTER), 1e-12);
        // For throughput the worse mode is the low one: none of the current forks is in it.
        assertEquals(1.0, modes.mixP(b, modes.high(log(450, 446), null), Direction.HIGHER_IS_BETTER), 1e-12);
    }

    /**
     * A suite where a quarter of the subsections run in two JIT modes ten-fold apart (a quarter of
     * their forks slow) with 2 % fork-to-fork noise within a mode; 12 baseline and 6 current forks.
     * Pooled, those subsections cannot see a 10 % slowdown; by mode they do, and the mix alone
     * rarely flags unchanged code.
     */
    @Test
    void judgedByModeABimodalSubsectionSeesATenPercentSlowdown() {
        ForkGate byMode = ForkGate.withDefaults();
        ForkGate pooled = ForkGate.withDefaults().withForkModes(false);
        int[] caught = new int[2];
        int[] falseFlags = new int[2];
        int bimodal = 0;
        for (int seed = 0; seed < 20; seed++) {
            for (int slowed = 0; slowed < 2; slowed++) {
                Simulation sim = new Simulation(seed);
                sim.forkSd = 0.02;
                Map<SubsectionKey, ForkedSamples> baseline = new LinkedHashMap<>();
                Map<SubsectionKey, ForkedSamples> current = new LinkedHashMap<>();
                for (int i = 0; i < 40; i++) {
                    boolean twoModes = i % 4 == 0;
                    sim.slowModeShare = twoModes ? 0.25 : 0;
                    sim.slowModeFactor = 10;
                    SubsectionKey key = new SubsectionKey("rank_" + (i % 6), "config_" + i);
                    baseline.put(key, sim.subsection(1 + i, 12));
                    current.put(key, sim.subsection(1 + i, 6, twoModes && slowed == 1 ? Math.log(1.10) : 0));
                }
                for (int way = 0; way < 2; way++) {
                    GateOutcome outcome = new GateCheck(way == 0 ? byMode : pooled, Direction.LOWER_IS_BETTER)
                            .compare(baseline, current);
                    for (GateResult r : outcome.results()) {
                        int i = Integer.parseInt(r.key().subsection().substring("config_".length()));
                        if (i % 4 != 0) {
                            continue;
                        }
                        if (slowed == 1 && r.verdict() == Verdict.REGRESSION) {
                            caught[way]++;
                        } else if (slowed == 0 && r.flagged()) {
                            falseFlags[way]++;
                        }
                    }
                }
                bimodal += slowed == 0 ? 10 : 0;
            }
        }
        assertTrue(caught[0] >= 0.8 * bimodal, "by mode caught " + caught[0] + " of " + bimodal);
        assertTrue(caught[1] <= 0.2 * bimodal, "pooled caught " + caught[1] + " of " + bimodal);
        assertTrue(falseFlags[0] <= 0.05 * bimodal, "by mode flagged " + falseFlags[0] + " of " + bimodal + " unchanged");
        System.out.printf("bimodal subsections: a 10%% slowdown caught %d (by mode) and %d (pooled) of %d; "
                + "unchanged flagged %d and %d of %d%n", caught[0], caught[1], bimodal, falseFlags[0], falseFlags[1], bimodal);
    }

    /** Forks of three samples each at these levels (ns), without calibration. */
    private static ForkedSamples forks(double... ns) {
        java.util.List<double[]> forks = new java.util.ArrayList<>();
        for (double level : ns) {
            forks.add(new double[] {level * 0.99, level, level * 1.01});
        }
        return new ForkedSamples(forks, null);
    }

    private static final SubsectionKey KEY = new SubsectionKey("rank_2", "build");

    /** 40 baseline forks: 31 at 48 ns, 9 at 447 ns, each within 1 %. */
    private static ForkedSamples bimodalBaseline() {
        double[] ns = new double[40];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = (i < 9 ? 447 : 48) * (1 + 0.01 * Math.sin(i));
        }
        return forks(ns);
    }

    @Test
    void aRiseOfTheSlowModesShareIsARegressionThatFreshForksConfirmOrClear() {
        ForkGate gate = ForkGate.withDefaults();
        ForkedSamples baseline = bimodalBaseline();
        GateResult first = gate.test(KEY, baseline, forks(447, 450, 446, 448, 449, 48.2), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.REGRESSION, first.verdict());
        assertTrue(first.message().contains("the slower fork mode (+"), first.message());
        assertTrue(first.message().contains("in 5 of 6 current forks, 9 of 40 baseline"), first.message());
        assertTrue(Double.isNaN(first.lowPct()), "a mix has no interval");
        assertTrue(first.flaggedByModeMix());
        GateResult stillSlow = gate.confirm(first, baseline, forks(448, 447.5, 446.5, 449), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertEquals(Confirmation.CONFIRMED, stillSlow.confirmation(), stillSlow.message());
        GateResult backToMix = gate.confirm(first, baseline, forks(48.1, 47.9, 448, 48.3), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertEquals(Confirmation.CLEARED, backToMix.confirmation(), backToMix.message());
    }

    @Test
    void theLevelIsJudgedWithinTheModesAndTheMixOfAnUnchangedRunIsNotAVerdict() {
        ForkGate gate = ForkGate.withDefaults();
        ForkedSamples baseline = bimodalBaseline();
        // Two of four current forks slow: pooled, a nine-fold "slowdown"; by mode, the same levels.
        GateResult unchanged = gate.test(KEY, baseline, forks(48.2, 447.5, 447, 47.9), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.NO_CHANGE, unchanged.verdict(), unchanged.message());
        assertTrue(unchanged.message().contains("judged within two fork modes"), unchanged.message());
        // Both modes 10 % slower: seen within the modes.
        GateResult slower = gate.test(KEY, baseline, forks(52.8, 491.7, 52.9, 52.7), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.REGRESSION, slower.verdict(), slower.message());
        assertEquals(10, slower.changePct(), 1.5);
        assertFalse(slower.flaggedByModeMix());
        // Fresh forks re-test the level within the modes, one of them in the slow mode.
        GateResult confirmed = gate.confirm(slower, baseline, forks(52.9, 491.2, 52.6), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertEquals(Confirmation.CONFIRMED, confirmed.confirmation(), confirmed.message());
        // Faster within the modes while more forks fell into the slow one: no improvement is claimed.
        GateResult mixed = gate.test(KEY, baseline, forks(420, 418, 421, 419), Prior.NONE, Direction.LOWER_IS_BETTER);
        assertTrue(mixed.verdict() != Verdict.IMPROVEMENT, mixed.message());
        // Judged pooled, the same unchanged run's interval spans the modes' distance.
        GateResult pooled = gate.withForkModes(false).test(KEY, baseline, forks(48.2, 447.5, 447, 47.9), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertTrue(pooled.mdcPct() > 10 * unchanged.mdcPct(), pooled.mdcPct() + " pooled, " + unchanged.mdcPct() + " by mode");
    }

    /** Forks at these levels (ns) that allocated these bytes per operation on the benchmark's threads. */
    private static ForkedSamples forks(double[] ns, double... bytes) {
        return new ForkedSamples(forks(ns).forks(), null, bytes);
    }

    private static double[] ns(double... ns) {
        return ns;
    }

    // Measured: pages_iterator rank 5 in the baselines of 2026-12-03 (drift-corrected levels, ns, and B/op).
    private static final double[] WALK_NS = {34558, 34517, 34249, 30866, 22020, 22165};
    private static final double[] WALK_BYTES = {173.0, 173.5, 172.9, 173.0, 123.5, 123.6};

    @Test
    void escapeAnalysisModesAreToldApartByAllocationWhereTheirLevelsAreLessThanTwoFoldApart() {
        ForkModes byLevel = ForkModes.of(log(WALK_NS));
        assertFalse(byLevel.found(), "1.56-fold apart: no modes by level");
        ForkModes modes = ForkModes.of(log(WALK_NS), WALK_BYTES);
        assertTrue(modes.found());
        assertTrue(modes.byAllocation());
        assertTrue(modes.highAllocatesMore());
        assertFalse(modes.mainIsLow(), "four of six forks in the slow mode");
        // Medians of the log levels.
        assertEquals((Math.log(34517) + Math.log(34249) - Math.log(22020) - Math.log(22165)) / 2, modes.gap(), 1e-12);
        // A fork's mode is its allocation's, wherever its level lies; without a figure, its level's.
        assertArrayEquals(new boolean[] {true, false, false, true},
                modes.high(log(22000, 34000, 26000, 30000), new double[] {173, 124, Double.NaN, 189}));
        // The same figures in one cluster, or clusters whose levels do not differ, are no modes.
        assertFalse(ForkModes.of(log(WALK_NS), new double[] {173, 173, 173, 173, 173, 173.5}).found());
        assertFalse(ForkModes.of(log(34558, 34517, 34249, 34866, 34420, 34165), WALK_BYTES).found());
        // A cluster of one fork is not a mode (as the allocation check), nor is a figure missing.
        assertFalse(ForkModes.of(log(WALK_NS), new double[] {173, 173, 173, 173, 173, 124}).found());
        assertFalse(ForkModes.of(log(WALK_NS), new double[] {173, 173, 173, 173, 124, Double.NaN}).found());
    }

    @Test
    void judgedWithinAllocationModesAPageWalkSeesASlowdownThatPooledItCannot() {
        ForkGate gate = ForkGate.withDefaults();
        ForkedSamples baseline = forks(WALK_NS, WALK_BYTES);
        ForkedSamples unchanged = forks(ns(22100, 34400), 123.6, 173.1);
        GateResult same = gate.test(KEY, baseline, unchanged, Prior.NONE, Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.NO_CHANGE, same.verdict(), same.message());
        assertTrue(same.message().contains("told apart by allocation: the slower mode allocates more than 148."),
                same.message());
        // Both current forks in the fast mode: not an improvement, the mix.
        GateResult fastMix = gate.test(KEY, baseline, forks(ns(22100, 22050), 123.6, 123.5), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.NO_CHANGE, fastMix.verdict(), fastMix.message());
        ForkedSamples slower = forks(ns(25400, 39500, 25450, 39600), 123.6, 173.1, 123.5, 173.0);
        GateResult byMode = gate.test(KEY, baseline, slower, Prior.NONE, Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.REGRESSION, byMode.verdict(), byMode.message());
        assertEquals(15, byMode.changePct(), 2);
        GateResult pooled = gate.withForkModes(false).test(KEY, baseline, slower, Prior.NONE, Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.NO_CHANGE, pooled.verdict(), pooled.message());
        assertTrue(pooled.mdcPct() > 3 * byMode.mdcPct(), pooled.mdcPct() + " pooled, " + byMode.mdcPct() + " by mode");
        // 16 more bytes per operation in every fork leave each fork in its mode.
        GateResult moreBytes = gate.test(KEY, baseline, forks(ns(22100, 34400), 139.6, 189.1), Prior.NONE,
                Direction.LOWER_IS_BETTER);
        assertEquals(Verdict.NO_CHANGE, moreBytes.verdict(), moreBytes.message());
    }

    @Test
    void onlyTheBenchmarkThreadsFigureTellsModesApartTheWholeJvmsGrowsWithTheTime() {
        SubsectionKey key = new SubsectionKey("rank_5", "SHARDED_ACCESSOR_0000001");
        Map<SubsectionKey, java.util.List<MeasuredFork>> layout = Map.of(key, java.util.List.of(
                new MeasuredFork(2, 0, 1, false, null, Double.NaN, 173.0, AllocationScope.BENCHMARK_THREADS),
                new MeasuredFork(2, 0, 2, false, null, Double.NaN, 180.4, AllocationScope.WHOLE_JVM),
                new MeasuredFork(2, 0, 3, false, null, Double.NaN)));
        org.perfregression.data.PerformanceData data = org.perfregression.data.PerformanceData.builder()
                .add(key.section(), key.subsection(), new double[] {1, 2, 3, 4, 5, 6}).build();
        double[] allocations = new ForkLayout(layout).split(data, false, "test").get(key).allocations();
        assertEquals(173.0, allocations[0]);
        assertTrue(Double.isNaN(allocations[1]), "the whole JVM's figure");
        assertTrue(Double.isNaN(allocations[2]), "not measured");
    }
}
