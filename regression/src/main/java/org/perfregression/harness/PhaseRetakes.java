package org.perfregression.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.perfregression.analysis.SuiteKey;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.MachinePhase;
import org.perfregression.jmh.JmhMapping;

/**
 * Forks measured while the machine was in a phase, measured again. On the project's shared machine
 * the forks of a phase (10 s to 5 min at a time, 7-30 % of an 8-minute run) run either as usual or
 * 20-60 % slower, which no correction of their level can undo; the gate sets them aside
 * ({@link MachinePhase}), and the harness measures as many forks again, so that each subsection keeps
 * its planned forks outside phases, as far as {@link #MAX_SHARE} allows. A retake can fall into a
 * phase too: up to {@link #ROUNDS} rounds.
 */
public final class PhaseRetakes {

    /** Rounds of retakes at most. */
    public static final int ROUNDS = 2;

    /**
     * All rounds together retake at most this share of the planned forks, so that the main job stays
     * within its 10 minutes (its 564 forks take 7.5-8.5 minutes, a fifth more about 1.5): a machine
     * in phases for most of a run is a busy one, which retakes would not cure, only lengthen.
     * Measured with 30 % per round: an unchanged run with phases over its first 3.5 minutes retook
     * 169 and 80 forks and took 11 min 48 s.
     */
    public static final double MAX_SHARE = 0.2;

    private PhaseRetakes() {
    }

    /**
     * Per subsection, how many more forks it needs so that {@code passes} of its first-measurement
     * forks lie outside phases; the most wanted first, at most {@code max} forks in all.
     */
    static Map<SuiteKey, Integer> wanted(SuiteResults results, ForkGate gate, int passes, int max) {
        if (!gate.correctsDrift()) {
            return Map.of();
        }
        SuiteForks suite = SuiteForks.of(results, gate);
        List<Map<SubsectionKey, Integer>> inPhase = MachinePhase.inPhase(suite.measured(), suite.layouts(),
                suite.directions());
        Map<SuiteKey, Integer> wanted = new LinkedHashMap<>();
        for (int b = 0; b < inPhase.size(); b++) {
            Map<SubsectionKey, org.perfregression.gate.ForkedSamples> forks = suite.measured().get(b);
            String benchmark = suite.benchmarks().get(b);
            inPhase.get(b).forEach((key, count) -> {
                int more = passes - (forks.get(key).forkCount() - count);
                if (more > 0) {
                    wanted.put(new SuiteKey(benchmark, key), more);
                }
            });
        }
        Map<SuiteKey, Integer> chosen = new LinkedHashMap<>();
        int[] left = {max};
        // The most wanted first (a subsection whose forks all ran in a phase), in random order
        // within: in the suite's order a cap would always leave the same benchmarks without retakes.
        List<Map.Entry<SuiteKey, Integer>> order = new java.util.ArrayList<>(wanted.entrySet());
        java.util.Collections.shuffle(order, new java.util.Random(order.size()));
        order.stream().sorted(Map.Entry.<SuiteKey, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> {
                    int take = Math.min(e.getValue(), left[0]);
                    if (take > 0) {
                        chosen.put(e.getKey(), take);
                        left[0] -= take;
                    }
                });
        return chosen;
    }

    /**
     * {@code results} after up to {@link #ROUNDS} rounds of retakes of the forks measured in a phase,
     * read again from {@code folder} after each.
     */
    public static SuiteResults retake(SuiteRun run, SuiteResults results, ForkGate gate, ResultsFolder folder,
            List<SuiteKey> expected, JmhMapping mapping, PrintStream out) throws IOException {
        int max = (int) Math.floor(MAX_SHARE * run.passes() * run.expected().size());
        for (int round = 1; round <= ROUNDS && max > 0; round++) {
            Map<SuiteKey, Integer> wanted = wanted(results, gate, run.passes(), max);
            if (wanted.isEmpty()) {
                break;
            }
            max -= wanted.values().stream().mapToInt(Integer::intValue).sum();
            run.extend(wanted, String.format(Locale.ROOT, "Machine phase: measuring %d subsection%s again whose forks ran "
                    + "while %d or more of the %d forks nearest in time ran %.0f%% or more above their own subsections' "
                    + "other forks (round %d of at most %d)", wanted.size(), wanted.size() == 1 ? "" : "s",
                    MachinePhase.SLOWED_NEIGHBOURS, MachinePhase.PHASE_NEIGHBOURS,
                    Math.expm1(MachinePhase.SLOWED) * 100, round, ROUNDS), "retake", out);
            results = SuiteResults.read(folder, expected, mapping);
        }
        return results;
    }
}
