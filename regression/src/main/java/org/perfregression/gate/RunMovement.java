package org.perfregression.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.stats.SampleStatistics;

/**
 * How far each subsection's level moves from one run to the next beyond what its forks' noise
 * explains, estimated from earlier runs of the same code (a history): the variance level above
 * forks (Kalibera and Jones, ISMM 2013) per subsection, where {@link RunEffect} can only estimate it
 * per benchmark from the run itself, and not at all for a module of a dozen subsections.
 *
 * <p>Why per subsection: on a shared machine some subsections have slow states that last minutes,
 * so every fork of one run lands in them. Measured on a module of nine subsections: a hash-map
 * lookup benchmark's forks ranged from 808 to 1,386 ns in one regeneration, and a later run of
 * unchanged code measured it 58 % slower, in its first forks and in the fresh forks that re-measured
 * it; no estimate from that run alone can tell that from a change of the code, the subsection's own
 * record of runs can. rustc-perf sets each benchmark's threshold from its history for the same reason.
 *
 * <p>The estimate, per subsection seen in at least {@link #MIN_RUNS} runs: each run's level is the
 * median of its forks' levels (as the gate's change is), its expected variance the pooled
 * within-run fork variance times {@link ForkGate#medianVarianceFactor}{@code (n)/n}; the movement is
 * the variance of the run levels minus that (a one-way random-effects moment estimate), where the run
 * levels vary significantly more than the forks explain ({@link #moves}), and 0 elsewhere.
 * A run of at least {@link GateCheck#MIN_SUBSECTIONS_FOR_SHIFT} subsections has its shift taken out
 * first (the median over its subsections of their level minus their usual level), as the gate takes
 * the current run's out: a slow day moves every subsection alike and is the run effect's to judge.
 * A subsection whose baseline forks fall into two {@link ForkModes modes} has each run's forks
 * aligned onto the main mode first, as the gate's level test aligns them: read pooled, the modes'
 * distance is counted as the forks' noise, and a movement of the level within the modes, which is
 * what the by-mode test compares, disappears under it.
 */
public final class RunMovement {

    /** Fewer runs of a subsection give no estimate (two run levels say nothing about a spread). */
    public static final int MIN_RUNS = 3;

    private RunMovement() {
    }

    /**
     * Each subsection's movement from run to run, a variance on the log scale.
     *
     * @param runs earlier runs, each mapping a subsection to its forks' levels (first measurement only)
     * @param <K> how a subsection is named across the suite
     * @return the variance per subsection with enough runs; absent for the rest
     */
    public static <K> Map<K, Double> estimate(List<Map<K, double[]>> runs) {
        return estimate(runs, Map.of());
    }

    /**
     * Each subsection's movement from run to run, its forks in every run aligned onto its baseline's
     * main fork mode where {@code modes} has one.
     *
     * @param recorded earlier runs, each mapping a subsection to its forks' levels (first measurement only)
     * @param modes the fork modes of a subsection's baseline ({@link ForkGate#modesOf}); absent or
     *     {@link ForkModes#NONE} for a subsection judged pooled
     * @param <K> how a subsection is named across the suite
     * @return the variance per subsection with enough runs; absent for the rest
     */
    public static <K> Map<K, Double> estimate(List<Map<K, double[]>> recorded, Map<K, ForkModes> modes) {
        List<Map<K, double[]>> runs = new ArrayList<>();
        for (Map<K, double[]> run : recorded) {
            Map<K, double[]> aligned = new LinkedHashMap<>();
            run.forEach((key, levels) -> aligned.put(key, modes.getOrDefault(key, ForkModes.NONE).align(levels)));
            runs.add(aligned);
        }
        Map<K, List<double[]>> byKey = new LinkedHashMap<>();
        for (Map<K, double[]> run : runs) {
            run.forEach((key, levels) -> {
                if (levels.length > 0) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>());
                }
            });
        }
        Map<K, Double> usual = new HashMap<>();
        byKey.keySet().forEach(key -> usual.put(key, SampleStatistics.median(runs.stream()
                .filter(r -> r.containsKey(key) && r.get(key).length > 0)
                .mapToDouble(r -> SampleStatistics.median(r.get(key))).toArray())));
        List<Double> shifts = new ArrayList<>();
        for (Map<K, double[]> run : runs) {
            double[] offsets = run.entrySet().stream().filter(e -> e.getValue().length > 0)
                    .mapToDouble(e -> SampleStatistics.median(e.getValue()) - usual.get(e.getKey())).toArray();
            shifts.add(offsets.length >= GateCheck.MIN_SUBSECTIONS_FOR_SHIFT ? SampleStatistics.median(offsets) : 0);
        }
        Map<K, Double> movement = new LinkedHashMap<>();
        for (K key : byKey.keySet()) {
            List<Double> levels = new ArrayList<>();
            double expected = 0;
            double within = 0;
            int withinDf = 0;
            for (int r = 0; r < runs.size(); r++) {
                double[] forks = runs.get(r).get(key);
                if (forks == null || forks.length == 0) {
                    continue;
                }
                levels.add(SampleStatistics.median(forks) - shifts.get(r));
                expected += ForkGate.medianVarianceFactor(forks.length) / forks.length;
                if (forks.length > 1) {
                    within += ForkGate.sampleVariance(forks) * (forks.length - 1);
                    withinDf += forks.length - 1;
                }
            }
            if (levels.size() < MIN_RUNS || withinDf == 0) {
                continue;
            }
            double between = ForkGate.sampleVariance(levels.stream().mapToDouble(Double::doubleValue).toArray());
            double noise = within / withinDf * expected / levels.size();
            movement.put(key, moves(between, noise, levels.size() - 1, withinDf) ? between - noise : 0);
        }
        return movement;
    }

    /**
     * Whether run levels of variance {@code between} ({@code runsDf}) vary significantly more than forks
     * of noise {@code noise} ({@code forksDf}) explain: the upper tail of {@code F(runsDf, forksDf)}
     * below {@link #MOVES_AT}. A steady subsection's estimate is otherwise positive about half the time
     * by chance alone, and each such estimate would widen its uncertainty for nothing.
     */
    static boolean moves(double between, double noise, int runsDf, int forksDf) {
        if (!(noise > 0)) {
            return between > 0;
        }
        return 1 - org.perfregression.stats.FisherF.cdf(between / noise, runsDf, forksDf) < MOVES_AT;
    }

    /** The significance at which a subsection's run levels are taken to move beyond its forks' noise. */
    public static final double MOVES_AT = 0.05;

    /**
     * E.g. {@code run-to-run movement from 6 recorded runs: 9 subsections estimated, 4 move beyond
     * their forks' noise (median 7.9 %, largest 31.0 %: find n=2048)}.
     */
    public static <K> String describe(Map<K, Double> movement, int runs) {
        String from = "run-to-run movement from " + runs + " recorded run" + (runs == 1 ? "" : "s") + ": ";
        if (movement.isEmpty()) {
            return from + "no subsection in " + MIN_RUNS + " of them with forks enough to estimate it; each judged as without a history";
        }
        List<Map.Entry<K, Double>> moving = movement.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<K, Double>comparingByValue().reversed()).toList();
        String head = from + movement.size() + " subsection" + (movement.size() == 1 ? "" : "s") + " estimated, "
                + moving.size() + (moving.size() == 1 ? " moves" : " move") + " beyond their forks' noise";
        if (moving.isEmpty()) {
            return head;
        }
        double median = SampleStatistics.median(moving.stream().mapToDouble(e -> sdPct(e.getValue())).toArray());
        return head + String.format(java.util.Locale.ROOT, " (median %.1f%%, largest %.1f%%: %s); each is judged "
                + "against its own movement where it exceeds the run's", median, sdPct(moving.get(0).getValue()),
                moving.get(0).getKey());
    }

    /** A movement's standard deviation in % of the level. */
    public static double sdPct(double variance) {
        return Math.expm1(Math.sqrt(variance)) * 100;
    }
}
