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
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;

/** Which subsections a harness measures again after a phase of the machine, and how many forks each. */
class PhaseRetakesTest {

    private static final long START = 1_000_000L;

    /**
     * 150 subsections in 2 interleaved passes of 150 s, a fork a second; between {@code from} and
     * {@code to} seconds every other fork runs 40 % slower, as in the accessor suite's phases.
     */
    private static SuiteResults run(int from, int to, boolean[] slowedOut) {
        Random random = new Random(3);
        PerformanceData.Builder data = PerformanceData.builder();
        Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
        int subsections = 150;
        List<List<Integer>> order = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            List<Integer> o = new ArrayList<>();
            for (int s = 0; s < subsections; s++) {
                o.add(s);
            }
            java.util.Collections.shuffle(o, random);
            order.add(o);
        }
        for (int s = 0; s < subsections; s++) {
            SubsectionKey key = new SubsectionKey("rank_" + (s % 6 + 2), "config_" + s);
            List<Double> samples = new ArrayList<>();
            List<MeasuredFork> forks = new ArrayList<>();
            for (int pass = 0; pass < 2; pass++) {
                long second = pass * subsections + order.get(pass).indexOf(s);
                boolean slowed = second >= from && second < to && random.nextBoolean();
                slowedOut[2 * s + pass] = slowed;
                double level = (20 + s) * Math.exp(0.02 * random.nextGaussian()) * (slowed ? 1.4 : 1);
                double[] speeds = new double[25];
                for (int i = 0; i < 25; i++) {
                    speeds[i] = 3400 * (1 + 0.005 * random.nextGaussian());
                    samples.add(level * speeds[i] / 3400);
                }
                forks.add(new MeasuredFork(25, START + second * 1000, pass + 1, false, speeds, 0));
            }
            data.add(key.section(), key.subsection(), samples.stream().mapToDouble(Double::doubleValue).toArray());
            layout.put(key, forks);
        }
        return new SuiteResults(Map.of("bench", data.build()), Map.of("bench", new ForkLayout(layout)), List.of());
    }

    @Test
    void theForksOfAPhaseAreMeasuredAgainAndNoOthers() {
        boolean[] slowed = new boolean[300];
        Map<SuiteKey, Integer> wanted = PhaseRetakes.wanted(run(60, 120, slowed), ForkGate.withDefaults(), 2, 1000);
        // About 60 forks ran in the phase; each of their subsections wants as many forks as it had there.
        assertTrue(wanted.size() >= 40 && wanted.size() <= 75, "subsections measured again: " + wanted.size());
        int slowedWanted = 0;
        int slowedAll = 0;
        for (int s = 0; s < 150; s++) {
            SuiteKey key = new SuiteKey("bench", new SubsectionKey("rank_" + (s % 6 + 2), "config_" + s));
            boolean hit = slowed[2 * s] || slowed[2 * s + 1];
            slowedAll += hit ? 1 : 0;
            slowedWanted += hit && wanted.containsKey(key) ? 1 : 0;
        }
        assertTrue(slowedWanted >= 0.9 * slowedAll, "the slowed forks' subsections are among them: " + slowedWanted
                + " of " + slowedAll);
        assertTrue(wanted.values().stream().allMatch(n -> n >= 1 && n <= 2));
    }

    @Test
    void aQuietRunIsNotMeasuredAgainAndARoundHasACap() {
        boolean[] slowed = new boolean[300];
        assertEquals(Map.of(), PhaseRetakes.wanted(run(0, 0, slowed), ForkGate.withDefaults(), 2, 1000));
        Map<SuiteKey, Integer> capped = PhaseRetakes.wanted(run(60, 120, slowed), ForkGate.withDefaults(), 2, 10);
        assertEquals(10, capped.values().stream().mapToInt(Integer::intValue).sum());
        // Without drift correction there are no calibration times to read phases against: nothing.
        assertEquals(Map.of(), PhaseRetakes.wanted(run(60, 120, slowed), ForkGate.withDefaults()
                .withDriftCorrection(false), 2, 1000));
    }
}
