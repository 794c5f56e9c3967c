package org.perfregression.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perfregression.analysis.BenchmarkPair;
import org.perfregression.analysis.MoreForks;
import org.perfregression.analysis.SuiteComparison;
import org.perfregression.analysis.SuiteKey;
import org.perfregression.check.Direction;
import org.perfregression.check.RegressionCheck;
import org.perfregression.check.Verdict;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.input.Dataset;
import org.perfregression.platform.Platform;
import org.perfregression.report.ReportInput;
import org.perfregression.report.ReportSuite;

/** More forks where the first test is in doubt ({@link GateOutcome#inDoubt}, {@link SuiteComparison#withMoreForks}). */
class MoreForksTest {

    private static GateResult result(String name, double change, double low, double high, Confirmation confirmation,
            Verdict verdict) {
        return new GateResult(new SubsectionKey("s", name), verdict, change, change, low, high, 0.5, 10, 20, 6, 3, true,
                confirmation, Double.NaN, "");
    }

    private static GateResult open(String name, double change, double low, double high) {
        return result(name, change, low, high, Confirmation.NOT_FLAGGED, Verdict.NO_CHANGE);
    }

    private static GateOutcome outcome(Direction direction, GateResult... results) {
        return new GateOutcome(List.of(results), null, ForkGate.withDefaults(), direction, false, RunEffect.NONE, 15, null);
    }

    private static List<String> names(List<GateResult> results) {
        return results.stream().map(r -> r.key().subsection()).toList();
    }

    @Test
    void onlyIntervalsReachingPastTheFloorOnTheRegressionSideAreInDoubtMostDoubtfulFirst() {
        GateOutcome time = outcome(Direction.LOWER_IS_BETTER,
                open("under", -6, -12, 1),                 // cannot reach +3 %: clearly no regression
                open("far", -5, -14, 5),                   // reaches +5 %, its estimate far under the floor
                open("near", 2, -6, 11),                   // estimate just under the floor
                open("past", 8, -1, 18),                   // past the floor, not significantly
                result("flagged", 20, 10, 31, Confirmation.NOT_REMEASURED, Verdict.REGRESSION),
                result("group", 4, -9, 19, Confirmation.BENCHMARK_WIDE, Verdict.REGRESSION),
                open("untested", 4, Double.NaN, Double.NaN));
        assertEquals(List.of("past", "near", "far"), names(time.inDoubt()));
        // Throughput: a regression is a fall, so the lower end must reach under -3 %.
        GateOutcome throughput = outcome(Direction.HIGHER_IS_BETTER,
                open("over", 6, -1, 12),
                open("near", -2, -11, 6),
                open("past", -8, -18, 1));
        assertEquals(List.of("past", "near"), names(throughput.inDoubt()));
    }

    static final double QUIET = 0.01;
    static final double NOISY = 0.05;

    /** A suite whose current side grows one fork at a time where the comparison asks for it. */
    private static final class Growing implements MoreForks {
        final Simulation sim;
        final Map<SubsectionKey, Double> slowdown;
        final Map<SubsectionKey, ForkedSamples> baseline;
        /** Fork-to-fork SD of each subsection: half quiet, half noisy, as in a real suite. */
        final Map<SubsectionKey, Double> noise = new HashMap<>();
        final Map<SubsectionKey, List<double[]>> forks = new LinkedHashMap<>();
        final Map<SubsectionKey, List<double[]>> speeds = new LinkedHashMap<>();
        final Map<SubsectionKey, List<Integer>> passes = new LinkedHashMap<>();
        final int perRound;
        int budget;
        int pass;
        final List<List<SuiteKey>> asked = new ArrayList<>();

        Growing(long seed, int subsections, int planned, Map<Integer, Double> slowdowns, int perRound, int budget) {
            this.sim = new Simulation(seed);
            this.baseline = new LinkedHashMap<>();
            for (int i = 0; i < subsections; i++) {
                SubsectionKey key = new SubsectionKey("rank_" + (i % 6 + 2), "config_" + i);
                sim.levels.put(key, 1.0 + i);
                noise.put(key, i % 2 == 0 ? QUIET : NOISY);
                sim.forkSd = noise.get(key);
                baseline.put(key, sim.subsection(sim.levels.get(key), 10));
            }
            this.slowdown = new HashMap<>();
            List<SubsectionKey> keys = new ArrayList<>(baseline.keySet());
            slowdowns.forEach((i, s) -> slowdown.put(keys.get(i), s));
            this.perRound = perRound;
            this.budget = budget;
            for (pass = 1; pass <= planned; pass++) {
                for (SubsectionKey key : keys) {
                    addFork(key);
                }
            }
        }

        void addFork(SubsectionKey key) {
            sim.forkSd = noise.get(key);
            ForkedSamples one = sim.subsection(sim.levels.get(key), 1, slowdown.getOrDefault(key, 0.0));
            forks.computeIfAbsent(key, k -> new ArrayList<>()).add(one.forks().get(0));
            speeds.computeIfAbsent(key, k -> new ArrayList<>()).add(one.speeds().get(0));
            passes.computeIfAbsent(key, k -> new ArrayList<>()).add(pass);
        }

        int forksOf(SubsectionKey key) {
            return forks.get(key).size();
        }

        Dataset current() {
            Map<SubsectionKey, ForkedSamples> samples = new LinkedHashMap<>();
            forks.forEach((key, f) -> samples.put(key, new ForkedSamples(f, speeds.get(key))));
            return dataset(samples, passes, "current");
        }

        @Override
        public Map<String, Dataset> more(List<SuiteKey> inDoubt) {
            asked.add(inDoubt);
            List<SuiteKey> chosen = inDoubt.stream().limit(Math.min(perRound, budget)).toList();
            if (chosen.isEmpty()) {
                return Map.of();
            }
            pass++;
            chosen.forEach(k -> addFork(k.key()));
            budget -= chosen.size();
            return Map.of("bench", current());
        }
    }

    private static Dataset dataset(Map<SubsectionKey, ForkedSamples> samples, Map<SubsectionKey, List<Integer>> passes,
            String source) {
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        samples.forEach((key, f) -> {
            List<MeasuredFork> list = new ArrayList<>();
            for (int i = 0; i < f.forkCount(); i++) {
                int pass = passes == null ? i + 1 : passes.get(key).get(i);
                list.add(new MeasuredFork(f.forks().get(i).length, 1_000L * pass, pass, false, f.speeds().get(i),
                        Double.NaN));
            }
            layout.put(key, list);
            data.add(key.section(), key.subsection(), f.forks().stream().flatMapToDouble(java.util.Arrays::stream).toArray());
        });
        return new Dataset(data.build(), "ns/op", Platform.current(), source, new ForkLayout(layout));
    }

    private static GateOutcome compare(Growing suite, boolean more, List<String> notes) throws IOException {
        SuiteComparison comparison = SuiteComparison.of(RegressionCheck.withDefaults())
                .withGate(new GateCheck(ForkGate.withDefaults(), Direction.LOWER_IS_BETTER));
        if (more) {
            comparison = comparison.withMoreForks(suite);
        }
        BenchmarkPair pair = new BenchmarkPair("bench", dataset(suite.baseline, null, "baseline"), suite.current(),
                Direction.LOWER_IS_BETTER, List.of());
        ReportSuite report = comparison.compare(List.of(pair), List.of(), List.of());
        notes.addAll(report.notes());
        return report.benchmarks().stream().filter(i -> i.benchmark().equals("bench")).map(ReportInput::gate)
                .findFirst().orElseThrow();
    }

    private static boolean regressed(GateOutcome outcome, SubsectionKey key) {
        return outcome.results().stream().anyMatch(r -> r.key().equals(key) && r.verdict() == Verdict.REGRESSION);
    }

    @Test
    void theBudgetGoesWhereTheDoubtIsAndCatchesWhatThePlannedForksMiss() throws IOException {
        // 40 subsections, half with 1 % fork-to-fork noise and half with 5 %, 10 baseline and 3 planned
        // current forks: a +10 % slowdown of two noisy subsections is under their MDC (about 16 %).
        Tally planned = new Tally();
        Tally alike = new Tally();
        Tally inDoubt = new Tally();
        for (long seed = 1; seed <= 20; seed++) {
            Map<Integer, Double> slowed = Map.of(7, Math.log(1.10), 23, Math.log(1.10));
            Growing grown = new Growing(seed, 40, 3, slowed, 10, 120);
            List<SubsectionKey> keys = new ArrayList<>(grown.baseline.keySet());
            List<String> notes = new ArrayList<>();
            planned.add(compare(new Growing(seed, 40, 3, slowed, 10, 0), false, new ArrayList<>()), keys, slowed);
            // The same 240 forks spent alike: 6 planned forks each.
            alike.add(compare(new Growing(seed, 40, 6, slowed, 0, 0), false, new ArrayList<>()), keys, slowed);
            inDoubt.add(compare(grown, true, notes), keys, slowed);
            // A quiet subsection whose estimate happens to sit near the floor may be in doubt too, but the
            // budget is the noisy ones'.
            int quietForks = keys.stream().filter(k -> grown.noise.get(k) == QUIET).mapToInt(k -> grown.forksOf(k) - 3).sum();
            assertTrue(quietForks <= 30, quietForks + " of 120 more forks went to the quiet subsections");
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("in doubt after the planned forks")), notes.toString());
        }
        System.out.printf("slowed +10%%: caught %d/40 with the planned forks, %d/40 with 120 more where in doubt, %d/40 "
                + "with 120 more alike; false flags %d, %d and %d of 760%n", planned.caught, inDoubt.caught, alike.caught,
                planned.falseFlags, inDoubt.falseFlags, alike.falseFlags);
        assertTrue(inDoubt.caught >= planned.caught + 10, planned.caught + " -> " + inDoubt.caught);
        // The point: the same forks catch more where they go to the doubt than spread alike.
        assertTrue(inDoubt.caught >= alike.caught + 4, inDoubt.caught + " where in doubt, " + alike.caught + " alike");
        assertTrue(inDoubt.falseFlags <= 8, inDoubt.falseFlags + " of 760 unchanged subsections flagged");
    }

    /** Slowed subsections caught and unchanged ones flagged, over many comparisons. */
    private static final class Tally {
        int caught;
        int falseFlags;

        void add(GateOutcome outcome, List<SubsectionKey> keys, Map<Integer, Double> slowed) {
            for (int i = 0; i < keys.size(); i++) {
                boolean flagged = regressed(outcome, keys.get(i));
                caught += slowed.containsKey(i) && flagged ? 1 : 0;
                falseFlags += !slowed.containsKey(i) && flagged ? 1 : 0;
            }
        }
    }

    @Test
    void theRunsShiftAndEachBenchmarksMoveAreThePlannedPasses() throws IOException {
        // More forks go to the subsections that looked slowest and pull them back: estimated from the
        // grown data, the suite's shift would lean towards an improvement.
        Growing planned = new Growing(5, 40, 3, Map.of(), 10, 0);
        Growing grown = new Growing(5, 40, 3, Map.of(), 10, 200);
        GateOutcome before = compare(planned, false, new ArrayList<>());
        GateOutcome after = compare(grown, true, new ArrayList<>());
        assertTrue(grown.budget < 200, "more forks were measured");
        assertEquals(before.run(), after.run());
    }

    @Test
    void theNoteSaysWhatWasSpent() throws IOException {
        Growing suite = new Growing(3, 30, 3, Map.of(), 5, 40);
        List<String> notes = new ArrayList<>();
        compare(suite, true, notes);
        String note = notes.stream().filter(n -> n.startsWith("in doubt")).findFirst().orElseThrow();
        int spent = 40 - suite.budget;
        assertTrue(note.contains("measured " + spent + " more fork"), note);
        int total = suite.forks.values().stream().mapToInt(List::size).sum();
        assertEquals(30 * 3 + spent, total);
        assertFalse(suite.asked.isEmpty());
    }
}
