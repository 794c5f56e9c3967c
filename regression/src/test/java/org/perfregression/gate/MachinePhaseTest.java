package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.perfregression.data.SubsectionKey;
import org.perfregression.stats.SampleStatistics;

/**
 * Phases of the machine that the calibration kernel misses, as measured on the project's machine: for a
 * while, most forks run 30 % slower while the kernel beside them does not. What {@link MachinePhase}
 * must take out, and what it must leave: a change of the code.
 */
class MachinePhaseTest {

    private static final double FORK_SD = 0.03;
    private static final double SPEED = 3400;
    private static final double PHASE = Math.log(1.30);
    private static final List<org.perfregression.check.Direction> TIME =
            java.util.Collections.nCopies(3, org.perfregression.check.Direction.LOWER_IS_BETTER);

    /** One side of a suite: its forks per benchmark, and when each started. */
    private record Side(List<Map<SubsectionKey, ForkedSamples>> forks, List<ForkLayout> layouts) {
    }

    /**
     * A suite of {@code benchmarks} x {@code subsections}, {@code forks} forks each in interleaved passes
     * of 100 s, forks in random order within a pass.
     *
     * @param level a fork's true level (log) given its benchmark and start time (ms)
     */
    private static Side side(long seed, int benchmarks, int subsections, int forks, boolean confirmation,
            BiFunction<Integer, Long, Double> level) {
        Random random = new Random(seed);
        List<Map<SubsectionKey, ForkedSamples>> all = new ArrayList<>();
        List<ForkLayout> layouts = new ArrayList<>();
        for (int b = 0; b < benchmarks; b++) {
            Map<SubsectionKey, ForkedSamples> benchmark = new LinkedHashMap<>();
            Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
            for (int s = 0; s < subsections; s++) {
                SubsectionKey key = new SubsectionKey("rank_" + (2 + s % 6), "config_" + s);
                double own = Math.log(20 + s);
                List<double[]> samples = new ArrayList<>();
                List<double[]> speeds = new ArrayList<>();
                List<MeasuredFork> measured = new ArrayList<>();
                for (int f = 0; f < forks; f++) {
                    long started = 1_000_000L + f * 100_000L + (long) (random.nextDouble() * 100_000);
                    double forkLevel = own + level.apply(b, started) + FORK_SD * random.nextGaussian();
                    double[] sample = new double[25];
                    double[] speed = new double[25];
                    for (int i = 0; i < 25; i++) {
                        speed[i] = SPEED * (1 + 0.01 * random.nextGaussian());
                        sample[i] = speed[i] * Math.exp(forkLevel + 0.01 * random.nextGaussian()) / SPEED;
                    }
                    samples.add(sample);
                    speeds.add(speed);
                    measured.add(new MeasuredFork(25, started, f + 1, confirmation, speed, 0));
                }
                benchmark.put(key, new ForkedSamples(samples, speeds));
                layout.put(key, measured);
            }
            all.add(benchmark);
            layouts.add(new ForkLayout(layout));
        }
        return new Side(all, layouts);
    }

    /**
     * The forks that start between {@code from} and {@code to} seconds run about 30 % slower (each
     * by 30 % x (1 +- 0.15)): as measured, a phase moves most forks of its time, by different amounts.
     */
    private static double phase(long started, Random hit, int from, int to) {
        return started > 1_000_000 + from * 1000L && started < 1_000_000 + to * 1000L
                ? PHASE * (1 + 0.15 * hit.nextGaussian()) : 0;
    }

    /** The root mean square of the subsections' fork-to-fork SDs. */
    private static double forkSd(List<Map<SubsectionKey, ForkedSamples>> side) {
        return Math.sqrt(side.stream().flatMap(m -> m.values().stream())
                .mapToDouble(f -> ForkGate.sampleVariance(f.levels(true))).average().orElseThrow());
    }

    /** Per benchmark, the median over subsections of the current side's median level minus the reference's. */
    private static double[] changes(List<Map<SubsectionKey, ForkedSamples>> current,
            List<Map<SubsectionKey, ForkedSamples>> reference) {
        double[] changes = new double[current.size()];
        for (int b = 0; b < current.size(); b++) {
            Map<SubsectionKey, ForkedSamples> ref = reference.get(b);
            changes[b] = SampleStatistics.median(current.get(b).entrySet().stream().mapToDouble(e ->
                    SampleStatistics.median(e.getValue().levels(true)) - SampleStatistics.median(ref.get(e.getKey())
                            .levels(true))).toArray());
        }
        return changes;
    }

    @Test
    void aPhaseTheKernelMissedIsTakenOutOfTheBaselines() {
        Random hit = new Random(7);
        Side baseline = side(1, 3, 40, 6, false, (b, t) -> phase(t, hit, 150, 200) + phase(t, hit, 350, 420));
        double before = forkSd(baseline.forks());
        List<Map<SubsectionKey, ForkedSamples>> corrected =
                MachinePhase.of(baseline.forks(), baseline.layouts(), false, null, TIME).corrected();
        double after = forkSd(corrected);
        assertTrue(before > 1.5 * FORK_SD, "the phase inflates the fork spread: " + before);
        // What stays is the forks' own noise and how differently the phase moved each fork (15 % of its size).
        assertTrue(after < 1.5 * FORK_SD && after < before / 2, "corrected, close to the forks' own spread: "
                + before + " -> " + after);
    }

    @Test
    void aChangeOfTheCodeStaysAndAPhaseOfTheRunGoes() {
        Side baseline = side(2, 3, 40, 6, false, (b, t) -> 0.0);
        Random hit = new Random(8);
        // Benchmark 1 really is 15 % slower; the current run also has a phase.
        Side current = side(3, 3, 40, 2, false, (b, t) -> (b == 1 ? Math.log(1.15) : 0) + phase(t, hit, 60, 160));
        List<Map<SubsectionKey, ForkedSamples>> reference =
                MachinePhase.of(baseline.forks(), baseline.layouts(), false, null, TIME).corrected();
        List<Map<SubsectionKey, ForkedSamples>> corrected =
                MachinePhase.of(current.forks(), current.layouts(), false, reference, TIME).corrected();
        double[] changes = changes(corrected, reference);
        assertEquals(0, changes[0], 0.02);
        assertEquals(Math.log(1.15), changes[1], 0.02);
        assertEquals(0, changes[2], 0.02);
        // A subsection whose two forks both fell into the phase: about +30 % before, about 0 after.
        int hitTwice = 0;
        for (int b = 0; b < 3; b++) {
            for (Map.Entry<SubsectionKey, List<MeasuredFork>> e : current.layouts().get(b).forks().entrySet()) {
                double raw = SampleStatistics.median(current.forks().get(b).get(e.getKey()).levels(true))
                        - SampleStatistics.median(reference.get(b).get(e.getKey()).levels(true)) - (b == 1 ? Math.log(1.15) : 0);
                if (raw > 0.8 * PHASE) {
                    hitTwice++;
                    double fixed = SampleStatistics.median(corrected.get(b).get(e.getKey()).levels(true))
                            - SampleStatistics.median(reference.get(b).get(e.getKey()).levels(true)) - (b == 1 ? Math.log(1.15) : 0);
                    // One of its two forks is set aside (measured in the phase), the other corrected:
                    // what is left is that one fork's noise and how much the phase moved it.
                    assertTrue(Math.abs(fixed) < 0.5 * PHASE, e.getKey() + ": " + raw + " -> " + fixed);
                }
            }
        }
        assertTrue(hitTwice >= 3, "the simulation has subsections hit in both forks: " + hitTwice);
    }

    /**
     * As measured in the accessor suite's runs (docs/gate.md): within a phase a fork runs either as
     * usual or 30-50 % slower, half of them each, so no correction of the phase's median fits both.
     */
    private static double intermittent(long started, Random hit, int from, int to) {
        return started > 1_000_000 + from * 1000L && started < 1_000_000 + to * 1000L && hit.nextBoolean()
                ? Math.log(1.30 + 0.2 * hit.nextDouble()) : 0;
    }

    private static int forks(List<Map<SubsectionKey, ForkedSamples>> side) {
        return side.stream().flatMap(m -> m.values().stream()).mapToInt(ForkedSamples::forkCount).sum();
    }

    @Test
    void forksMeasuredInAnIntermittentPhaseAreSetAside() {
        Random hit = new Random(11);
        Side baseline = side(12, 3, 40, 6, false, (b, t) -> intermittent(t, hit, 150, 200) + intermittent(t, hit, 420, 460));
        double before = forkSd(baseline.forks());
        MachinePhase phase = MachinePhase.of(baseline.forks(), baseline.layouts(), false, null, TIME);
        double after = forkSd(phase.corrected());
        // About 90 s of 600 (15 %) were in phases: 108 of 720 forks.
        assertTrue(phase.setAside() >= 80 && phase.setAside() <= 130, "set aside: " + phase.setAside());
        assertEquals(720 - phase.setAside(), forks(phase.corrected()));
        assertTrue(before > 2 * FORK_SD, "the phases inflate the fork spread: " + before);
        // What is left: the forks' own spread, and the level correction of forks near a phase's edges.
        assertTrue(after < 1.5 * FORK_SD && after < before / 2, "close to the forks' own spread: " + before + " -> "
                + after);
        // The phases' forks found by their neighbours: those left are outside the phases.
        List<Map<SubsectionKey, Integer>> inPhase = MachinePhase.inPhase(baseline.forks(), baseline.layouts(), TIME);
        int marked = inPhase.stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        assertTrue(marked >= phase.setAside(), "every fork set aside was in a phase: " + marked);
    }

    @Test
    void aChangeOfTheCodeSetsNoForkAside() {
        // No phase; half of benchmark 0's subsections and all of benchmark 1 run 40 % slower, as a
        // change of the code does: in every fork of the run.
        Side current = side(13, 3, 40, 2, false, (b, t) -> b == 1 ? Math.log(1.4) : 0.0);
        Map<SubsectionKey, ForkedSamples> half = new LinkedHashMap<>();
        int[] n = {0};
        current.forks().get(0).forEach((key, f) -> half.put(key, n[0]++ % 2 == 0 ? f
                : f.withPhase(new double[] {-Math.log(1.4), -Math.log(1.4)})));
        List<Map<SubsectionKey, ForkedSamples>> changed = List.of(half, current.forks().get(1), current.forks().get(2));
        MachinePhase phase = MachinePhase.of(changed, current.layouts(), false, null, TIME);
        assertEquals(0, phase.setAside(), "a change is in every fork of a subsection, a phase in some");
        assertEquals(240, forks(phase.corrected()));
    }

    @Test
    void aSubsectionKeepsHalfItsForksHoweverLongThePhase() {
        Random hit = new Random(14);
        Side current = side(15, 3, 40, 2, false, (b, t) -> intermittent(t, hit, 0, 1000));
        MachinePhase phase = MachinePhase.of(current.forks(), current.layouts(), false, null, TIME);
        assertTrue(phase.setAside() > 0);
        phase.corrected().forEach(b -> b.values().forEach(f -> assertEquals(1, f.forkCount(), 1)));
        assertTrue(phase.corrected().stream().flatMap(b -> b.values().stream()).allMatch(f -> f.forkCount() >= 1));
    }

    @Test
    void forksSetAsideTakeTheirSpeedsAndAllocationsWithThem() {
        ForkedSamples forks = new ForkedSamples(List.of(new double[] {1, 1}, new double[] {2, 2}, new double[] {3, 3}),
                List.of(new double[] {10, 10}, new double[] {20, 20}, new double[] {30, 30}), new double[] {16, 24, 32});
        ForkedSamples kept = forks.without(new boolean[] {false, true, false});
        assertEquals(2, kept.forkCount());
        assertEquals(3, kept.forks().get(1)[0]);
        assertEquals(30, kept.speeds().get(1)[0]);
        assertEquals(32, kept.allocations()[1]);
        assertThrows(IllegalArgumentException.class, () -> forks.without(new boolean[] {true}));
    }

    @Test
    void theUsualPhaseIsTheDensestNotTheMedian() {
        double[] phases = new double[100];
        for (int i = 0; i < 100; i++) {
            phases[i] = i < 55 ? 0.001 * (i % 5) : 0.25 + 0.01 * (i % 7); // a phase over 45 % of the run
        }
        assertEquals(0.002, MachinePhase.halfSampleMode(phases), 0.003);
        assertEquals(0.5, MachinePhase.halfSampleMode(new double[] {0.5}), 0);
        assertEquals(1.5, MachinePhase.halfSampleMode(new double[] {1, 2}), 0);
    }

    @Test
    void tooFewForksAreLeftAsTheyAre() {
        Side small = side(4, 1, 10, 2, false, (b, t) -> 0.0);
        assertTrue(10 * 2 < MachinePhase.MIN_FORKS);
        assertSame(small.forks(), MachinePhase.of(small.forks(), small.layouts(), false, null, TIME).corrected());
    }

    @Test
    void confirmationReadsThePhaseFromItsWitnessesOnly() {
        Side baseline = side(5, 2, 40, 6, false, (b, t) -> 0.0);
        List<Map<SubsectionKey, ForkedSamples>> reference =
                MachinePhase.of(baseline.forks(), baseline.layouts(), false, null, TIME).corrected();
        Side first = side(6, 2, 40, 2, false, (b, t) -> 0.0);
        MachinePhase run = MachinePhase.of(first.forks(), first.layouts(), false, reference, TIME);
        // Benchmark 0's re-measured subsections are the flags, benchmark 1's the witnesses.
        List<Set<SubsectionKey>> witnesses = List.of(Set.of(), new HashSet<>(reference.get(1).keySet()));
        // A real change: the flags are 30 % slower, the witnesses are not. It stays.
        Side real = side(7, 2, 8, 3, true, (b, t) -> b == 0 ? PHASE : 0.0);
        double[] kept = changes(MachinePhase.ofConfirmation(real.forks(), real.layouts(), reference, TIME, run, witnesses)
                .corrected(), reference);
        assertEquals(PHASE, kept[0], 0.03);
        // A phase: everything re-measured is 30 % slower. The flags' change goes.
        Side phase = side(8, 2, 8, 3, true, (b, t) -> PHASE);
        double[] gone = changes(MachinePhase.ofConfirmation(phase.forks(), phase.layouts(), reference, TIME, run, witnesses)
                .corrected(), reference);
        assertEquals(0, gone[0], 0.03);
        // A run too small to be corrected (a plugin module): its confirmation is not corrected either,
        // however many witnesses (their residuals hold the run's uncorrected shift).
        Side small = side(10, 2, 10, 2, false, (b, t) -> 0.0);
        MachinePhase uncorrected = MachinePhase.of(small.forks(), small.layouts(), false, reference, TIME);
        assertTrue(!uncorrected.applied() && run.applied());
        assertSame(phase.forks(), MachinePhase.ofConfirmation(phase.forks(), phase.layouts(), reference, TIME,
                uncorrected, witnesses).corrected());
        // Too few witnesses: nothing is corrected.
        Side few = side(9, 2, 3, 3, true, (b, t) -> PHASE);
        assertTrue(3 * 3 < MachinePhase.MIN_WITNESSES);
        assertSame(few.forks(), MachinePhase.ofConfirmation(few.forks(), few.layouts(), reference, TIME, run, witnesses)
                .corrected());
    }

    @Test
    void aPhaseLowersAForksLevelByExactlyItsSize() {
        ForkedSamples forks = new ForkedSamples(List.of(new double[] {10, 11, 12}, new double[] {20, 21, 22}),
                List.of(new double[] {100, 100, 100}, new double[] {100, 110, 100}));
        double[] before = forks.levels(true);
        double[] after = forks.withPhase(new double[] {0.1, -0.2}).levels(true);
        assertEquals(before[0] - 0.1, after[0], 1e-12);
        assertEquals(before[1] + 0.2, after[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> forks.withPhase(new double[] {0.1}));
    }

    @Test
    void throughputIsCorrectedTheOtherWayRound() {
        // The machine runs half as fast in the second fork: the kernel takes twice as long and the
        // benchmark does half the operations per second. Corrected, both forks have one level.
        ForkedSamples throughput = new ForkedSamples(List.of(new double[] {100, 100}, new double[] {50, 50}),
                List.of(new double[] {10, 10}, new double[] {20, 20}));
        double[] levels = throughput.forHigherIsBetter().levels(true);
        assertEquals(levels[0], levels[1], 1e-12);
        double[] wrong = throughput.levels(true);
        assertTrue(Math.abs(wrong[0] - wrong[1]) > 1, "divided as for time, the correction doubles the difference");
    }
}
