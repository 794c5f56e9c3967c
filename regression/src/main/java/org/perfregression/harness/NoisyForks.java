package org.perfregression.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.perfregression.analysis.SuiteKey;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkGate;
import org.perfregression.gate.ForkedSamples;
import org.perfregression.gate.GateCheck;
import org.perfregression.input.Baselines;

/**
 * More forks for the subsections whose forks disagree most, planned from the baselines' measured
 * fork-to-fork noise before anything is measured. A suite's subsections differ in noise by an order
 * of magnitude (on the accessor suite a page walk whose forks fall into JIT modes 10-40 % apart
 * beside lookups whose forks agree within 1 %), and the same two forks each leave the first
 * undecided at a 48 % minimum detectable change (MDC) while the others resolve 6 %. Forks spent
 * where the noise is buy the most: on both sides, since a subsection's MDC has the baseline's
 * forks in it as much as the run's.
 *
 * <ul>
 * <li>A run ({@link #forRun}): each subsection whose MDC against the baselines at the planned
 *     forks exceeds {@link #TARGET_PCT} gets the fewest more forks that bring it there, or as many
 *     as {@link #FACTOR} allows, the highest MDC first, within {@link #SHARE} of the planned forks.
 *     Chosen from the baselines alone, not from the run's own forks, so nothing the run measured
 *     decides where it measures more, and the extra forks can be spread over the whole run.</li>
 * <li>A regeneration ({@link #forBaselines}): the same on the baseline side, from the new forks
 *     themselves, for a run that gives the subsection {@link #FACTOR} times its planned forks,
 *     within {@link #BASELINE_SHARE} of the planned forks.</li>
 * </ul>
 *
 * <p>The MDC is the gate's own ({@link GateCheck#detectable(Map, java.util.function.ToIntFunction,
 * java.util.function.ToIntFunction)}) at the noise measured, with the forks a plan would have.
 */
public final class NoisyForks {

    /** The MDC a subsection's forks are planned to reach (%). */
    public static final double TARGET_PCT = 10;

    /** A subsection grows to at most this many times its planned forks. */
    public static final int FACTOR = 4;

    /**
     * All subsections together get at most this share of a run's planned forks more: on the
     * accessor suite 56 forks, about 50 s of a main job.
     */
    public static final double SHARE = 0.1;

    /**
     * The same for a regeneration, twice as much: baselines are made once and every comparison
     * inherits their noise. On the accessor suite 338 forks, about 5 minutes.
     */
    public static final double BASELINE_SHARE = 0.2;

    private NoisyForks() {
    }

    /**
     * Per subsection of {@code expected} that the baselines have, how many forks a run of
     * {@code passes} planned forks adds; empty where the baselines have no fork layout.
     */
    public static Map<SuiteKey, Integer> forRun(Baselines baselines, ForkGate gate, int passes,
            Collection<SuiteKey> expected) {
        if (baselines.layouts().isEmpty()) {
            return Map.of();
        }
        SuiteForks forks = SuiteForks.of(baselines, gate);
        return forRun(forks, forks.asGateReads(gate), gate, passes, Set.copyOf(expected));
    }

    /**
     * {@link #forRun(Baselines, ForkGate, int, Collection)} from the baselines' forks as the gate reads
     * them ({@link SuiteForks#asGateReads}, read once by the caller); {@code expected} null for all.
     */
    static Map<SuiteKey, Integer> forRun(SuiteForks baselines, List<Map<SubsectionKey, ForkedSamples>> read,
            ForkGate gate, int passes, Set<SuiteKey> expected) {
        int budget = share(SHARE, passes * (expected == null ? count(baselines) : expected.size()));
        return plan(baselines, read, gate, expected, (FACTOR - 1) * passes, budget, more -> key -> 0,
                more -> key -> passes + more);
    }

    /**
     * Per subsection of a regeneration's {@code measured} forks, how many more baseline forks it
     * needs for a run of {@link #FACTOR} times {@code runForks} forks to reach the target; at most
     * {@link #FACTOR} times {@code baselinePasses} forks in all per subsection.
     */
    public static Map<SuiteKey, Integer> forBaselines(SuiteResults measured, ForkGate gate, int baselinePasses,
            int runForks) {
        SuiteForks forks = SuiteForks.of(measured, gate);
        int budget = share(BASELINE_SHARE, baselinePasses * count(forks));
        return plan(forks, forks.asGateReads(gate), gate, null, (FACTOR - 1) * baselinePasses, budget, more -> key -> more,
                more -> key -> FACTOR * runForks);
    }

    /**
     * The plan: each subsection's MDC with 0 to {@code most} more forks ({@code baselineMore}: the
     * baseline's forks beyond those it has, {@code current}: the run's forks, each for that many
     * more), the fewest that reach the target or {@code most}, the highest MDC first, within
     * {@code budget} forks.
     */
    private static Map<SuiteKey, Integer> plan(SuiteForks suite, List<Map<SubsectionKey, ForkedSamples>> forks,
            ForkGate gate, Set<SuiteKey> eligible, int most, int budget,
            IntFunction<ToIntFunction<SubsectionKey>> baselineMore, IntFunction<ToIntFunction<SubsectionKey>> current) {
        List<Need> needs = new ArrayList<>();
        for (int b = 0; b < forks.size(); b++) {
            Map<SubsectionKey, ForkedSamples> benchmark = forks.get(b);
            GateCheck check = new GateCheck(gate, suite.directions().get(b));
            List<Map<SubsectionKey, Double>> mdcByMore = new ArrayList<>();
            for (int more = 0; more <= most; more++) {
                mdcByMore.add(check.detectable(benchmark, baselineMore.apply(more), current.apply(more)));
            }
            for (SubsectionKey key : benchmark.keySet()) {
                SuiteKey suiteKey = new SuiteKey(suite.benchmarks().get(b), key);
                double now = mdcByMore.get(0).getOrDefault(key, Double.NaN);
                if ((eligible != null && !eligible.contains(suiteKey)) || !(now > TARGET_PCT)) {
                    continue;
                }
                int fewest = most;
                for (int more = 1; more <= most; more++) {
                    if (mdcByMore.get(more).getOrDefault(key, Double.NaN) <= TARGET_PCT) {
                        fewest = more;
                        break;
                    }
                }
                needs.add(new Need(suiteKey, now, fewest));
            }
        }
        Map<SuiteKey, Integer> plan = new LinkedHashMap<>();
        int left = budget;
        for (Need need : needs.stream().sorted(Comparator.comparingDouble(Need::mdcPct).reversed()).toList()) {
            int take = Math.min(need.forks(), left);
            if (take > 0) {
                plan.put(need.key(), take);
                left -= take;
            }
        }
        return plan;
    }

    /** A subsection above the target: its MDC now and the forks it would take. */
    private record Need(SuiteKey key, double mdcPct, int forks) {
    }

    /** {@code share} of {@code forks}, rounded up: a small run's noisiest subsection still gets a fork. */
    private static int share(double share, int forks) {
        return (int) Math.ceil(share * forks - 1e-9);
    }

    private static int count(SuiteForks suite) {
        return suite.measured().stream().mapToInt(Map::size).sum();
    }

    /**
     * E.g. {@code 9 of 282 subsections whose minimum detectable change against the baselines at 2
     * forks exceeds 10%: 54 more forks}; {@code where} says against what and at how many forks.
     */
    public static String describe(Map<SuiteKey, Integer> plan, int subsections, String where) {
        return String.format(Locale.ROOT, "%d of %d subsection%s whose minimum detectable change %s exceeds %.0f%%: "
                + "%d more fork%s", plan.size(), subsections, subsections == 1 ? "" : "s", where, TARGET_PCT,
                total(plan), total(plan) == 1 ? "" : "s");
    }

    static int total(Map<SuiteKey, Integer> plan) {
        return plan.values().stream().mapToInt(Integer::intValue).sum();
    }
}
