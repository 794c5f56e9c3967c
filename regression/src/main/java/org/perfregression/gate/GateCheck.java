package org.perfregression.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.perfregression.check.Direction;
import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;

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
 * @param run the run effect to use, or null to estimate it from the comparison ({@link RunEffect})
 */
public record GateCheck(ForkGate gate, Direction direction, double runTolerancePct, RunEffect run) {

    /** Measured on the project's machine: see the README, "The gate". */
    public static final double DEFAULT_RUN_TOLERANCE_PCT = 15;

    /** Fewer subsections than this give no estimate of the run shift (0 is used). */
    public static final int MIN_SUBSECTIONS_FOR_SHIFT = 20;

    public GateCheck(ForkGate gate, Direction direction) {
        this(gate, direction, DEFAULT_RUN_TOLERANCE_PCT, null);
    }

    public GateCheck withRunTolerancePct(double pct) {
        if (!(pct >= 0) || Double.isInfinite(pct)) {
            throw new IllegalArgumentException("the run tolerance must be a finite percentage >= 0, got " + pct);
        }
        return new GateCheck(gate, direction, pct, run);
    }

    /** Judges subsections relative to {@code run}, e.g. the whole suite's when comparing one benchmark of it. */
    public GateCheck withRunEffect(RunEffect run) {
        return new GateCheck(gate, direction, runTolerancePct, run);
    }

    /**
     * Each common subsection's change on the log scale (median fork levels, drift-corrected where
     * possible) and its squared standard error: what {@link RunEffect#estimate} takes.
     */
    public List<double[]> changes(Map<SubsectionKey, ForkedSamples> baseline, Map<SubsectionKey, ForkedSamples> current) {
        List<SubsectionKey> keys = baseline.keySet().stream().filter(current::containsKey).toList();
        Prior prior = prior(keys, baseline, current);
        List<double[]> changes = new ArrayList<>();
        for (SubsectionKey key : keys) {
            boolean corrected = gate.corrects(baseline.get(key), current.get(key));
            ForkGate.Difference d = gate.difference(baseline.get(key).levels(corrected), current.get(key).levels(corrected),
                    prior);
            changes.add(new double[] {d.d(), d.se() * d.se()});
        }
        return changes;
    }

    /** The first test of every subsection of {@code baseline} that {@code current} has, in baseline order. */
    public GateOutcome compare(Map<SubsectionKey, ForkedSamples> baseline, Map<SubsectionKey, ForkedSamples> current) {
        List<SubsectionKey> keys = baseline.keySet().stream().filter(current::containsKey).toList();
        Prior prior = prior(keys, baseline, current);
        RunEffect effect = run != null ? run : RunEffect.estimate(changes(baseline, current));
        List<GateResult> results = new ArrayList<>();
        for (SubsectionKey key : keys) {
            results.add(gate.test(key, baseline.get(key), current.get(key), prior, direction, effect));
        }
        return new GateOutcome(suiteWide(results, effect.shift()), prior, gate, direction, false, effect, runTolerancePct);
    }

    /** Beyond the run tolerance, every subsection not flagged alone that moved with the suite gets the suite's verdict. */
    private List<GateResult> suiteWide(List<GateResult> results, double shift) {
        double shiftPct = ForkGate.pct(shift);
        Verdict suite = Math.abs(shiftPct) > runTolerancePct ? gate.verdictOf(shiftPct, direction) : Verdict.NO_CHANGE;
        if (suite == Verdict.NO_CHANGE) {
            return results;
        }
        List<GateResult> marked = new ArrayList<>();
        for (GateResult r : results) {
            if (r.verdict() == Verdict.NO_CHANGE && !r.flagged() && gate.verdictOf(r.absolutePct(), direction) == suite) {
                marked.add(ForkGate.with(r, suite, Confirmation.SUITE_WIDE, Double.NaN, String.format(java.util.Locale.ROOT,
                        "%s (suite-wide): %s%% with the whole suite at %s%%, beyond the %.0f%% a run moves on this machine",
                        suite == Verdict.REGRESSION ? "Regression" : "Improvement", ForkGate.signed(r.absolutePct()),
                        ForkGate.signed(shiftPct), runTolerancePct)));
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
        List<Double> variances = new ArrayList<>();
        List<Integer> dfs = new ArrayList<>();
        Map<SubsectionKey, double[]> levels = new java.util.LinkedHashMap<>();
        for (Map.Entry<SubsectionKey, ForkedSamples> e : baseline.entrySet()) {
            double[] b = e.getValue().levels(gate.correctsDrift() && e.getValue().hasSpeeds());
            levels.put(e.getKey(), b);
            variances.add(ForkGate.sampleVariance(b));
            dfs.add(b.length - 1);
        }
        Prior prior = Prior.estimate(variances, dfs, gate.priorDf());
        Map<SubsectionKey, Double> mdc = new java.util.LinkedHashMap<>();
        levels.forEach((key, b) -> {
            int ownDf = b.length - 1;
            double variance = prior.moderate(ForkGate.sampleVariance(b), ownDf);
            double se = Math.sqrt(variance * (ForkGate.medianVarianceFactor(b.length) / b.length
                    + ForkGate.medianVarianceFactor(currentForks) / currentForks));
            double df = prior.moderatedDf(ownDf) + currentForks - 1;
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
            double[] pooled = ForkGate.pooledVariance(baseline.get(key).levels(corrected), current.get(key).levels(corrected));
            variances.add(pooled[0]);
            dfs.add((int) pooled[1]);
        }
        return Prior.estimate(variances, dfs, gate.priorDf());
    }

    /**
     * Confirms the flagged subsections of {@code first} with {@code fresh} forks. A flagged
     * subsection without fresh forks (beyond the confirmation budget) keeps its verdict only when
     * at least half of the re-measured ones in the same direction were confirmed; otherwise the
     * flags look like one transient and it is cleared too.
     *
     * @param fresh fresh forks of some or all flagged subsections
     */
    public GateOutcome confirm(GateOutcome first, Map<SubsectionKey, ForkedSamples> baseline,
            Map<SubsectionKey, ForkedSamples> fresh) {
        List<GateResult> confirmed = new ArrayList<>();
        for (GateResult r : first.results()) {
            ForkedSamples more = fresh.get(r.key());
            confirmed.add(r.flagged() && more != null
                    ? gate.confirm(r, baseline.get(r.key()), more, first.prior(), direction, first.run()) : r);
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
        return new GateOutcome(results, first.prior(), gate, direction, true, first.run(), first.runTolerancePct());
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
