package org.perfregression.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.perfregression.check.Direction;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;
import org.perfregression.stats.FalseDiscoveryRate;

/**
 * The gate over a whole comparison: every subsection both sides have is tested with a
 * {@link ForkGate}, under a {@link Prior} estimated from all of them; then flagged subsections can be
 * confirmed with fresh forks.
 *
 * <p>Variance has levels (Kalibera and Jones, ISMM 2013): iterations in a fork, forks in a run, and
 * runs. On a shared machine a whole run can be faster or slower than the one that made the baselines,
 * partly beyond what the calibration kernel sees (measured here: 20 minutes after the baselines, every
 * benchmark ran 15 % faster raw and 9 % faster drift-corrected). That run shift is shared by every
 * subsection, so it is estimated as the median change of the whole suite and each subsection is tested
 * relative to it: a machine phase makes no verdicts, a change of some code paths stands out. A
 * change of the whole suite is judged at the suite's level: beyond the machine's run-to-run tolerance
 * ({@link #runTolerancePct}), every subsection that moved with it beyond the floor gets the verdict
 * ({@link Confirmation#SUITE_WIDE}); within it, a uniform change cannot be told from the machine.
 *
 * @param gate the per-subsection test
 * @param direction which way is better
 * @param runTolerancePct how far (%) a whole run may move on this machine without a code change
 * @param benchmarkTolerancePct how far (%) one benchmark may move against the rest of its suite without a
 *     code change ({@link BenchmarkMove})
 * @param run the run effect to use, or null to estimate it from the comparison ({@link RunEffect})
 * @param move how this benchmark moved against the rest of its suite, or null when unknown
 * @param firstTestDiscoveries whether the first test's flags must also pass a false discovery rate over
 *     all subsections (Benjamini-Hochberg at the significance): for comparisons that have no
 *     confirmation forks ({@link #sideBySide})
 * @param movement each subsection's movement from run to run as earlier runs showed it
 *     ({@link RunMovement}), added to its uncertainty where it exceeds the run's interaction; empty for none
 */
public record GateCheck(ForkGate gate, Direction direction, double runTolerancePct, double benchmarkTolerancePct,
        RunEffect run, BenchmarkMove move, boolean firstTestDiscoveries, Map<SubsectionKey, Double> movement) {

    public GateCheck {
        movement = Map.copyOf(movement);
    }

    /** Measured on the project's machine: see the README, "The gate". */
    public static final double DEFAULT_RUN_TOLERANCE_PCT = 15;

    /** Fewer subsections than this give no estimate of the run shift (0 is used). */
    public static final int MIN_SUBSECTIONS_FOR_SHIFT = 20;

    public GateCheck(ForkGate gate, Direction direction) {
        this(gate, direction, DEFAULT_RUN_TOLERANCE_PCT, BenchmarkMove.DEFAULT_TOLERANCE_PCT, null, null, false, Map.of());
    }

    public GateCheck withRunTolerancePct(double pct) {
        if (!(pct >= 0) || Double.isInfinite(pct)) {
            throw new IllegalArgumentException("the run tolerance must be a finite percentage >= 0, got " + pct);
        }
        return new GateCheck(gate, direction, pct, benchmarkTolerancePct, run, move, firstTestDiscoveries, movement);
    }

    public GateCheck withBenchmarkTolerancePct(double pct) {
        if (!(pct >= 0) || Double.isInfinite(pct)) {
            throw new IllegalArgumentException("the benchmark tolerance must be a finite percentage >= 0, got " + pct);
        }
        return new GateCheck(gate, direction, runTolerancePct, pct, run, move, firstTestDiscoveries, movement);
    }

    /**
     * Judges this benchmark's subsections knowing how it moved against the rest of its suite
     * ({@link BenchmarkMove#estimate}): with its own spread, and, once it moved beyond the benchmark
     * tolerance, against its own level with a benchmark-wide verdict for the subsections that moved with it.
     *
     * @param index which benchmark of the suite this check judges
     * @param changes every benchmark's changes in the same run, as {@link #changes} gives them
     */
    public GateCheck withBenchmarkMove(int index, List<List<double[]>> changes) {
        return new GateCheck(gate, direction, runTolerancePct, benchmarkTolerancePct, run,
                BenchmarkMove.estimate(index, changes, benchmarkTolerancePct), firstTestDiscoveries, movement);
    }

    /**
     * Judges each subsection against its own movement from run to run, as earlier runs showed it
     * ({@link RunMovement#estimate}), where that exceeds the run's interaction: a subsection whose
     * level moves from run to run is not called changed for moving as it does.
     */
    public GateCheck withMovement(Map<SubsectionKey, Double> movement) {
        return new GateCheck(gate, direction, runTolerancePct, benchmarkTolerancePct, run, move, firstTestDiscoveries,
                movement);
    }

    /** The run effect {@code key} is judged against: {@code effect}, with the subsection's own movement where larger. */
    RunEffect judged(SubsectionKey key, RunEffect effect) {
        Double own = movement.get(key);
        return own == null ? effect : effect.withInteractionAtLeast(own);
    }

    /** This check with the floor {@code pct} (the gate's minimum change) in place of its own, e.g. for one benchmark. */
    public GateCheck withMinChangePct(double pct) {
        return new GateCheck(gate.withMinChangePct(pct), direction, runTolerancePct, benchmarkTolerancePct, run, move,
                firstTestDiscoveries, movement);
    }

    /** This check for data where {@code direction} is better. */
    public GateCheck with(Direction direction) {
        return new GateCheck(gate, direction, runTolerancePct, benchmarkTolerancePct, run, move, firstTestDiscoveries, movement);
    }

    /** Judges subsections relative to {@code run}, e.g. the whole suite's when comparing one benchmark of it. */
    public GateCheck withRunEffect(RunEffect run) {
        return new GateCheck(gate, direction, runTolerancePct, benchmarkTolerancePct, run, move, firstTestDiscoveries, movement);
    }

    /** How many standard errors of the shift make a side-by-side suite's shift a change of the code. */
    public static final double SIDE_BY_SIDE_SHIFT_Z = 3;

    /**
     * The check for two sides measured side by side, interleaved on one machine ({@code ab}): the
     * machine cannot have moved one side only, so a shift of the whole suite is a change of the code
     * as soon as it is significant. The run tolerance becomes the larger of the floor and
     * {@link #SIDE_BY_SIDE_SHIFT_Z} standard errors of the shift ({@link RunEffect#shiftStandardError});
     * subsections are judged relative to the shift as against ground truth, and those that moved with
     * it get its verdict. A single subsection cannot detect a change below its fork-to-fork noise;
     * a whole suite of them can. With fewer than {@link #MIN_SUBSECTIONS_FOR_SHIFT} subsections each is
     * judged on its own. Side by side there are no confirmation forks, so a subsection's own flag must
     * also pass a false discovery rate over all subsections: measured on 180 unchanged subsections,
     * the first test alone gave 2 verdicts (1.1 %).
     */
    public GateCheck sideBySide(Map<SubsectionKey, ForkedSamples> baseline, Map<SubsectionKey, ForkedSamples> current) {
        List<double[]> changes = changes(baseline, current);
        double se = RunEffect.shiftStandardError(changes);
        if (Double.isNaN(se)) {
            return new GateCheck(gate, direction, runTolerancePct, benchmarkTolerancePct, RunEffect.NONE, null, true, movement);
        }
        double tolerance = Math.max(gate.minChangePct(), ForkGate.pct(SIDE_BY_SIDE_SHIFT_Z * se));
        return new GateCheck(gate, direction, tolerance, benchmarkTolerancePct, RunEffect.estimate(changes), null, true, movement);
    }

    /**
     * Each common subsection's change on the log scale (median fork levels, drift-corrected where
     * possible) and its squared standard error: what {@link RunEffect#estimate} takes.
     */
    public List<double[]> changes(Map<SubsectionKey, ForkedSamples> baseline, Map<SubsectionKey, ForkedSamples> current) {
        List<SubsectionKey> keys = baseline.keySet().stream().filter(current::containsKey).toList();
        return changes(keys, baseline, current, prior(keys, baseline, current));
    }

    private List<double[]> changes(List<SubsectionKey> keys, Map<SubsectionKey, ForkedSamples> baseline,
            Map<SubsectionKey, ForkedSamples> current, Prior prior) {
        List<double[]> changes = new ArrayList<>();
        for (SubsectionKey key : keys) {
            boolean corrected = gate.corrects(baseline.get(key), current.get(key));
            ForkGate.Sides sides = gate.sides(baseline.get(key), current.get(key), corrected);
            ForkGate.Difference d = gate.difference(sides.baseline(), sides.current(), prior);
            changes.add(new double[] {d.d(), d.se() * d.se()});
        }
        return changes;
    }

    /** The first test of every subsection of {@code baseline} that {@code current} has, in baseline order. */
    public GateOutcome compare(Map<SubsectionKey, ForkedSamples> baseline, Map<SubsectionKey, ForkedSamples> current) {
        List<SubsectionKey> keys = baseline.keySet().stream().filter(current::containsKey).toList();
        Prior prior = prior(keys, baseline, current);
        RunEffect effect = run != null ? run : RunEffect.estimate(changes(keys, baseline, current, prior));
        RunEffect judged = BenchmarkMove.judgedAgainst(move, effect);
        List<GateResult> results = new ArrayList<>();
        for (SubsectionKey key : keys) {
            results.add(gate.test(key, baseline.get(key), current.get(key), prior, direction, judged(key, judged)));
        }
        double differsAt = gate.significance();
        if (firstTestDiscoveries) {
            differsAt = FalseDiscoveryRate.threshold(results.stream().mapToDouble(GateResult::pValue)
                    .filter(p -> !Double.isNaN(p)).toArray(), gate.significance());
            results = discoveries(results, differsAt);
        }
        return new GateOutcome(groupWide(results, effect, move, differsAt), prior, gate, direction, false, effect,
                runTolerancePct, move);
    }

    /** The first test's flags whose p-value is at or under the false discovery threshold; the rest no change. */
    private List<GateResult> discoveries(List<GateResult> results, double threshold) {
        List<GateResult> kept = new ArrayList<>();
        for (GateResult r : results) {
            kept.add(r.verdict() == Verdict.NO_CHANGE || r.pValue() <= threshold ? r
                    : ForkGate.with(r, Verdict.NO_CHANGE, Confirmation.NOT_FLAGGED, Double.NaN, String.format(
                            java.util.Locale.ROOT, "No change: %s%% at p=%s, %s", ForkGate.signed(r.changePct()),
                            ForkGate.p(r.pValue()), aboveThreshold("all subsections", threshold))));
        }
        return kept;
    }

    /**
     * Beyond the run tolerance, every subsection without a verdict of its own that is consistent with
     * the suite's move (its change relative to the shift is not significant, or was not confirmed)
     * gets the suite's verdict: the suite's shift, estimated from all subsections, is a far better
     * estimate of its change than its own few forks (measured: with a 20 % slowdown, one subsection in
     * ten measured under +3 % on its own). A subsection that stayed put while the suite moved differs
     * significantly from the shift and keeps no verdict. Within the run tolerance, a benchmark that
     * {@link BenchmarkMove#moved} against the rest of the suite gives its verdict the same way to its
     * subsections that moved with it (they were judged against its level).
     */
    private List<GateResult> groupWide(List<GateResult> results, RunEffect suite, BenchmarkMove move, double differsAt) {
        double shiftPct = ForkGate.pct(suite.shift());
        Verdict suiteVerdict = Math.abs(shiftPct) > runTolerancePct ? gate.verdictOf(shiftPct, direction) : Verdict.NO_CHANGE;
        // A benchmark that significantly did not follow the suite (one benchmark of two slowed by half
        // moves the suite's median beyond the tolerance) keeps its subsections out of the suite's verdict.
        boolean stayedPut = move != null && !move.ownChangeIs(suiteVerdict, gate, direction)
                && Math.abs(move.own().shift() - suite.shift()) > SIDE_BY_SIDE_SHIFT_Z * move.standardError();
        if (suiteVerdict != Verdict.NO_CHANGE && !stayedPut) {
            return marked(results, suiteVerdict, Confirmation.SUITE_WIDE, differsAt,
                    String.format(java.util.Locale.ROOT, "the whole suite at %s%%, beyond the %.1f%% tolerance for a "
                            + "whole run", ForkGate.signed(shiftPct), runTolerancePct), "the suite");
        }
        if (move == null || !move.moved()) {
            return results;
        }
        Verdict verdict = gate.verdictOf(move.offsetPct(), direction);
        // As for a subsection: relative to a shifted suite, a benchmark that stayed put is not changed.
        if (verdict == Verdict.NO_CHANGE || !move.ownChangeIs(verdict, gate, direction)) {
            return results;
        }
        return marked(results, verdict, Confirmation.BENCHMARK_WIDE, differsAt, move.describe(), "the benchmark");
    }

    /** Every subsection consistent with a group's move, marked with the group's verdict. */
    private List<GateResult> marked(List<GateResult> results, Verdict group, Confirmation how, double differsAt,
            String why, String groupName) {
        List<GateResult> marked = new ArrayList<>();
        for (GateResult r : results) {
            // Differs from the group's level by more than the floor, significantly: it stayed put, or moved more.
            boolean differs = r.confirmation() == Confirmation.NOT_FLAGGED && r.pValue() <= differsAt
                    && gate.verdictOf(r.changePct(), direction) != Verdict.NO_CHANGE && r.intervalBeyond(gate.minChangePct());
            boolean consistent = r.verdict() == Verdict.NO_CHANGE && !Double.isNaN(r.pValue()) && !differs
                    && r.confirmation() != Confirmation.SUITE_WIDE && r.confirmation() != Confirmation.BENCHMARK_WIDE;
            if (consistent) {
                marked.add(ForkGate.with(r, group, how, r.confirmPValue(), String.format(
                        java.util.Locale.ROOT, "%s (%s): %s; here %s%%, not significantly different from %s",
                        group == Verdict.REGRESSION ? "Regression" : "Improvement", how.label(), why,
                        ForkGate.signed(r.absolutePct()), groupName)));
            } else {
                marked.add(r);
            }
        }
        return marked;
    }

    /**
     * What a comparison against {@code baseline} can detect: per subsection, the minimum detectable
     * change (see {@link ForkGate#mdcPct}) of a current run of {@code currentForks} forks whose
     * fork-to-fork noise is the baseline's own, under the prior of all subsections. Recorded with
     * baselines, before any current run exists.
     */
    public Map<SubsectionKey, Double> detectable(Map<SubsectionKey, ForkedSamples> baseline, int currentForks) {
        return detectable(baseline, key -> 0, key -> currentForks);
    }

    /**
     * {@link #detectable(Map, int)} with each subsection's own numbers of forks: the baseline's as
     * it has them and {@code moreBaselineForks} more, the current run's {@code currentForks}; the
     * fork-to-fork noise is the baseline's as measured. What more forks on either side would buy,
     * before they are measured.
     */
    public Map<SubsectionKey, Double> detectable(Map<SubsectionKey, ForkedSamples> baseline,
            java.util.function.ToIntFunction<SubsectionKey> moreBaselineForks,
            java.util.function.ToIntFunction<SubsectionKey> currentForks) {
        List<Double> variances = new ArrayList<>();
        List<Integer> dfs = new ArrayList<>();
        Map<SubsectionKey, double[]> levels = new java.util.LinkedHashMap<>();
        for (Map.Entry<SubsectionKey, ForkedSamples> e : baseline.entrySet()) {
            double[] b = gate.baselineLevels(e.getValue(), gate.correctsDrift() && e.getValue().hasSpeeds());
            levels.put(e.getKey(), b);
            variances.add(ForkGate.sampleVariance(b));
            dfs.add(b.length - 1);
        }
        Prior prior = Prior.estimate(variances, dfs, gate.priorDf());
        Map<SubsectionKey, Double> mdc = new java.util.LinkedHashMap<>();
        levels.forEach((key, b) -> {
            int ownDf = b.length - 1;
            double variance = prior.moderate(ForkGate.sampleVariance(b), ownDf);
            int m = b.length + moreBaselineForks.applyAsInt(key);
            int n = currentForks.applyAsInt(key);
            double se = Math.sqrt(variance * (ForkGate.medianVarianceFactor(m) / m + ForkGate.medianVarianceFactor(n) / n));
            double df = prior.moderatedDf(m - 1) + n - 1;
            mdc.put(key, se > 0 && df > 0 ? gate.mdcPct(se, df) : Double.NaN);
        });
        return mdc;
    }

    private Prior prior(List<SubsectionKey> keys, Map<SubsectionKey, ForkedSamples> baseline,
            Map<SubsectionKey, ForkedSamples> current) {
        List<Double> variances = new ArrayList<>();
        List<Integer> dfs = new ArrayList<>();
        for (SubsectionKey key : keys) {
            boolean corrected = gate.corrects(baseline.get(key), current.get(key));
            ForkGate.Sides sides = gate.sides(baseline.get(key), current.get(key), corrected);
            double[] pooled = ForkGate.pooledVariance(sides.baseline(), sides.current());
            variances.add(pooled[0]);
            dfs.add((int) pooled[1]);
        }
        return Prior.estimate(variances, dfs, gate.priorDf());
    }

    /**
     * Confirms the flagged subsections of {@code first} with {@code fresh} forks: {@link #remeasure},
     * then {@link #decide} at the false discovery rate of these re-measured subsections alone.
     *
     * @param fresh fresh forks of some or all flagged subsections
     */
    public GateOutcome confirm(GateOutcome first, Map<SubsectionKey, ForkedSamples> baseline,
            Map<SubsectionKey, ForkedSamples> fresh) {
        GateOutcome remeasured = remeasure(first, baseline, fresh);
        return decide(remeasured, discoveryThreshold(List.of(remeasured)));
    }

    /**
     * Each flagged subsection that has fresh forks, re-tested on them alone ({@link ForkGate#confirm}):
     * provisionally confirmed when its own test passes. Which confirmations stand is decided over
     * every re-measured subsection at once ({@link #decide}): with about twenty flags re-measured per
     * run, twenty tests at 5 % each would confirm one false flag in most A/A runs (measured).
     */
    public GateOutcome remeasure(GateOutcome first, Map<SubsectionKey, ForkedSamples> baseline,
            Map<SubsectionKey, ForkedSamples> fresh) {
        List<GateResult> remeasured = new ArrayList<>();
        for (GateResult r : first.results()) {
            ForkedSamples more = fresh.get(r.key());
            remeasured.add(r.flagged() && more != null
                    ? gate.confirm(r, baseline.get(r.key()), more, first.prior(), direction,
                            judged(r.key(), first.judgedAgainst())) : r);
        }
        return new GateOutcome(remeasured, first.prior(), gate, direction, true, first.run(), first.runTolerancePct(),
                first.move());
    }

    /**
     * The confirmation p-value at or under which a re-measured flag stands: Benjamini-Hochberg at the
     * confirmation significance over every re-measured subsection of {@code remeasured} (one outcome
     * per benchmark of a suite); NaN when none does.
     */
    public double discoveryThreshold(List<GateOutcome> remeasured) {
        double[] p = remeasured.stream().flatMap(o -> o.results().stream())
                .filter(r -> r.confirmation() == Confirmation.CONFIRMED || r.confirmation() == Confirmation.CLEARED)
                .mapToDouble(GateResult::confirmPValue).toArray();
        return FalseDiscoveryRate.threshold(p, gate.confirmSignificance());
    }

    /**
     * The final verdicts of {@link #remeasure}d flags: a confirmation stands when its p-value is at or
     * under {@code threshold} ({@link #discoveryThreshold}). A flagged subsection without fresh forks
     * (beyond the confirmation budget) keeps its verdict only when at least half of the re-measured
     * ones in the same direction were confirmed; otherwise the flags look like one transient and it is
     * cleared too.
     */
    public GateOutcome decide(GateOutcome remeasured, double threshold) {
        List<GateResult> confirmed = new ArrayList<>();
        for (GateResult r : remeasured.results()) {
            confirmed.add(r.confirmation() == Confirmation.CONFIRMED && !(r.confirmPValue() <= threshold)
                    ? ForkGate.with(r, Verdict.NO_CHANGE, Confirmation.CLEARED, r.confirmPValue(), String.format(
                            java.util.Locale.ROOT, "No change: flagged at %s%%, re-measured at p=%s, %s",
                            ForkGate.signed(r.changePct()), ForkGate.p(r.confirmPValue()),
                            aboveThreshold("all re-measured subsections", threshold)))
                    : r);
        }
        List<GateResult> results = new ArrayList<>();
        for (GateResult r : confirmed) {
            if (r.confirmation() == Confirmation.NOT_REMEASURED && !mostlyConfirmed(confirmed, r.verdict())) {
                results.add(ForkGate.with(r, Verdict.NO_CHANGE, Confirmation.CLEARED, Double.NaN,
                        "No change: flagged at " + ForkGate.signed(r.changePct()) + "% but not re-measured, and most "
                                + "re-measured flags in this direction were not confirmed"));
            } else {
                results.add(r);
            }
        }
        return new GateOutcome(groupWide(results, remeasured.run(), remeasured.move(), gate.significance()),
                remeasured.prior(), gate, direction, true, remeasured.run(), remeasured.runTolerancePct(), remeasured.move());
    }

    /** E.g. {@code above the false discovery threshold of all subsections (p <= 0.0031)}. */
    private static String aboveThreshold(String of, double threshold) {
        return "above the false discovery threshold of " + of + " ("
                + (Double.isNaN(threshold) ? "none passes" : "p <= " + ForkGate.p(threshold)) + ")";
    }

    /** Whether at least half of the re-measured flags in {@code verdict}'s direction were confirmed (true when none was). */
    private boolean mostlyConfirmed(List<GateResult> results, Verdict verdict) {
        int remeasured = 0;
        int confirmed = 0;
        for (GateResult r : results) {
            boolean wasFlaggedSo = r.confirmation() == Confirmation.CONFIRMED ? r.verdict() == verdict
                    : r.confirmation() == Confirmation.CLEARED && gate.verdictOf(r.changePct(), direction) == verdict;
            if (wasFlaggedSo) {
                remeasured++;
                confirmed += r.confirmation() == Confirmation.CONFIRMED ? 1 : 0;
            }
        }
        return remeasured == 0 || 2 * confirmed >= remeasured;
    }

    /** The subsections the first test flagged, worst first. */
    public static List<SubsectionKey> flagged(GateOutcome first, int limit) {
        return first.worstFirst().stream().filter(GateResult::flagged).limit(limit).map(GateResult::key).toList();
    }

    /** Keys of {@code results} in a set, for callers that select data. */
    public static Set<SubsectionKey> keys(List<GateResult> results) {
        return Set.copyOf(results.stream().map(GateResult::key).toList());
    }
}
