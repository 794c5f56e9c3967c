package org.perfregression.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.perfregression.analysis.SuiteKey;
import org.perfregression.check.Direction;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.GateCheck;
import org.perfregression.gate.MeasuredFork;

/** Where a run and a regeneration spend their forks beyond the planned passes: on the noisiest subsections. */
class NoisyForksTest {

    private static final ForkGate GATE = ForkGate.withDefaults();

    /**
     * 100 subsections of 6 forks in 6 interleaved passes, a fork a second; subsection {@code s}'s
     * forks differ by {@code noise.apply(s)} (SD of the fork level), its samples by 1 % within a fork.
     */
    private static SuiteResults suite(java.util.function.IntToDoubleFunction noise, long seed) {
        Random random = new Random(seed);
        int subsections = 100;
        int passes = 6;
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        for (int s = 0; s < subsections; s++) {
            SubsectionKey key = key(s);
            List<Double> samples = new ArrayList<>();
            List<MeasuredFork> forks = new ArrayList<>();
            for (int pass = 0; pass < passes; pass++) {
                double level = (20 + s) * Math.exp(noise.applyAsDouble(s) * random.nextGaussian());
                double[] speeds = new double[25];
                for (int i = 0; i < 25; i++) {
                    speeds[i] = 3400 * (1 + 0.003 * random.nextGaussian());
                    samples.add(level * speeds[i] / 3400 * (1 + 0.01 * random.nextGaussian()));
                }
                forks.add(new MeasuredFork(25, 1_000_000L + (pass * subsections + s) * 1000L, pass + 1, false, speeds, 0));
            }
            data.add(key.section(), key.subsection(), samples.stream().mapToDouble(Double::doubleValue).toArray());
            layout.put(key, forks);
        }
        return new SuiteResults(Map.of("bench", data.build()), Map.of("bench", new ForkLayout(layout)), List.of());
    }

    /** A run's plan against {@code baselines}, planned forks 2. */
    private static Map<SuiteKey, Integer> forRun(SuiteResults baselines) {
        SuiteForks forks = SuiteForks.of(baselines, GATE);
        return NoisyForks.forRun(forks, forks.asGateReads(GATE), GATE, 2, null);
    }

    private static SubsectionKey key(int s) {
        return new SubsectionKey("rank_" + (s % 6 + 2), "config_" + s);
    }

    /** Subsections 0-9 noisy (15 % fork to fork), 10-14 a little (4 %), the rest quiet (1 %). */
    private static double mixed(int s) {
        return s < 10 ? 0.15 : s < 15 ? 0.04 : 0.01;
    }

    @Test
    void aRunSpendsItsTenthOnTheNoisiestSubsectionsOnly() {
        SuiteResults baselines = suite(NoisyForksTest::mixed, 1);
        Map<SuiteKey, Integer> plan = forRun(baselines);
        assertTrue(!plan.isEmpty(), "the noisy subsections get more forks");
        assertTrue(NoisyForks.total(plan) <= NoisyForks.SHARE * 2 * 100, "within a tenth of the planned forks: " + plan);
        for (Map.Entry<SuiteKey, Integer> e : plan.entrySet()) {
            int s = Integer.parseInt(e.getKey().key().subsection().substring("config_".length()));
            assertTrue(s < 15, "a quiet subsection got forks: " + e);
            assertTrue(e.getValue() >= 1 && e.getValue() <= (NoisyForks.FACTOR - 1) * 2, "at most four times its forks: " + e);
        }
        // The budget (20 forks) cannot reach every noisy one: the highest MDC first.
        assertEquals(20, NoisyForks.total(plan), "the whole tenth is spent: " + plan);
        assertTrue(plan.keySet().stream().allMatch(k -> Integer.parseInt(k.key().subsection().substring(7)) < 10),
                "the 15 % ones come before the 4 % ones: " + plan);
    }

    @Test
    void aSubsectionGetsTheFewestForksThatReachTheTarget() {
        // Only a little noise: every subsection above the target can reach it within the cap.
        SuiteResults baselines = suite(s -> s < 5 ? 0.04 : 0.01, 2);
        SuiteForks forks = SuiteForks.of(baselines, GATE);
        Map<SuiteKey, Integer> plan = NoisyForks.forRun(forks, forks.asGateReads(GATE), GATE, 2, null);
        Map<SubsectionKey, ForkedSamples> read = forks.asGateReads(GATE).get(0);
        GateCheck check = new GateCheck(GATE, Direction.LOWER_IS_BETTER);
        Map<SubsectionKey, Double> atTwo = check.detectable(read, 2);
        for (Map.Entry<SubsectionKey, Double> e : atTwo.entrySet()) {
            int more = plan.getOrDefault(new SuiteKey("bench", e.getKey()), 0);
            if (more == 0) {
                assertTrue(e.getValue() <= NoisyForks.TARGET_PCT || e.getValue().isNaN(), "left above the target: " + e);
                continue;
            }
            double with = check.detectable(read, 2 + more).get(e.getKey());
            double oneLess = check.detectable(read, 2 + more - 1).get(e.getKey());
            assertTrue(with < e.getValue(), "more forks lower the MDC: " + e + " -> " + with);
            if (more < (NoisyForks.FACTOR - 1) * 2) {
                assertTrue(with <= NoisyForks.TARGET_PCT && oneLess > NoisyForks.TARGET_PCT,
                        e.getKey() + ": " + more + " more forks, MDC " + oneLess + " -> " + with);
            }
        }
        assertTrue(plan.size() >= 3, "the 4 % subsections are above the target at 2 forks: " + atTwo);
    }

    @Test
    void aQuietSuiteGetsNoMoreForks() {
        SuiteResults baselines = suite(s -> 0.01, 3);
        assertEquals(Map.of(), forRun(baselines));
        assertEquals(Map.of(), NoisyForks.forBaselines(baselines, GATE, 6, 2));
    }

    @Test
    void aRunPlansOnlyWhatItMeasures() {
        SuiteResults baselines = suite(NoisyForksTest::mixed, 4);
        java.util.Set<SuiteKey> expected = java.util.Set.of(new SuiteKey("bench", key(3)), new SuiteKey("bench", key(50)));
        SuiteForks forks = SuiteForks.of(baselines, GATE);
        Map<SuiteKey, Integer> plan = NoisyForks.forRun(forks, forks.asGateReads(GATE), GATE, 2, expected);
        // A tenth of its 4 planned forks, rounded up: one, to the noisy one of its two subsections.
        assertEquals(Map.of(new SuiteKey("bench", key(3)), 1), plan);
    }

    @Test
    void aRegenerationMeasuresItsNoisiestSubsectionsInMoreBaselineForks() {
        SuiteResults measured = suite(NoisyForksTest::mixed, 5);
        Map<SuiteKey, Integer> plan = NoisyForks.forBaselines(measured, GATE, 6, 2);
        assertTrue(NoisyForks.total(plan) <= NoisyForks.BASELINE_SHARE * 6 * 100, "within a fifth: " + plan);
        assertTrue(plan.keySet().stream().allMatch(k -> Integer.parseInt(k.key().subsection().substring(7)) < 15),
                "only noisy subsections: " + plan);
        assertTrue(plan.values().stream().allMatch(n -> n <= (NoisyForks.FACTOR - 1) * 6), "at most four times: " + plan);
        // 15 % noise does not reach 10 % even at 24 and 8 forks: each noisy one gets the most, as far as the fifth goes.
        assertEquals(120, NoisyForks.total(plan), "the whole fifth spent: " + plan);
        assertTrue(plan.values().stream().filter(n -> n == 18).count() >= 6, "the noisiest get all 18: " + plan);
    }

    @Test
    void theBaselinesRecordTheMdcAtTheForksAMainJobGivesEachSubsection() {
        SuiteResults baselines = suite(NoisyForksTest::mixed, 6);
        BaselineQuality quality = BaselineQuality.of(baselines, GATE, 6, 2, Double.NaN);
        Map<SuiteKey, Integer> plan = forRun(baselines);
        assertEquals(NoisyForks.total(plan), quality.noisyForks());
        assertEquals(plan.size(), quality.noisySubsections());
        SuiteForks forks = SuiteForks.of(baselines, GATE);
        Map<SubsectionKey, Double> atTwo = new GateCheck(GATE, Direction.LOWER_IS_BETTER)
                .detectable(forks.asGateReads(GATE).get(0), 2);
        plan.forEach((key, more) -> assertTrue(quality.mdc().get("bench").get(key.key()) < atTwo.get(key.key()),
                key + ": recorded at 2 + " + more + " forks"));
        atTwo.forEach((key, mdc) -> {
            if (!plan.containsKey(new SuiteKey("bench", key))) {
                assertEquals(mdc, quality.mdc().get("bench").get(key), 1e-9, key + ": at 2 forks");
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> noisy = (Map<String, Object>) ((Map<String, Object>) quality.toMetadata().get("gate"))
                .get("noisy_subsections");
        assertEquals(plan.size(), noisy.get("subsections"));
    }
}
