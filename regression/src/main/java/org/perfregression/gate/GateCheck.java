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
 * @param gate the per-subsection test
 * @param direction which way is better
 */
public record GateCheck(ForkGate gate, Direction direction) {

    /** The first test of every subsection of {@code baseline} that {@code current} has, in baseline order. */
    public GateOutcome compare(Map<SubsectionKey, ForkedSamples> baseline, Map<SubsectionKey, ForkedSamples> current) {
        List<SubsectionKey> keys = baseline.keySet().stream().filter(current::containsKey).toList();
        Prior prior = prior(keys, baseline, current);
        List<GateResult> results = new ArrayList<>();
        for (SubsectionKey key : keys) {
            results.add(gate.test(key, baseline.get(key), current.get(key), prior, direction));
        }
        return new GateOutcome(results, prior, gate, direction, false);
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
                    ? gate.confirm(r, baseline.get(r.key()), more, first.prior(), direction) : r);
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
        return new GateOutcome(results, first.prior(), gate, direction, true);
    }

    private static boolean mostlyConfirmed(List<GateResult> results, Verdict verdict) {
        int remeasured = 0;
        int confirmed = 0;
        for (GateResult r : results) {
            boolean sameDirection = r.confirmation() == Confirmation.CONFIRMED ? r.verdict() == verdict
                    : r.confirmation() == Confirmation.CLEARED && Math.signum(r.changePct())
                            == (verdict == Verdict.REGRESSION ? 1 : -1) * 1.0;
            if (sameDirection && (r.confirmation() == Confirmation.CONFIRMED || r.confirmation() == Confirmation.CLEARED)) {
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
