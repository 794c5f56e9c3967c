package org.perfregression.gate;

import java.util.List;
import java.util.Locale;
import org.perfregression.check.Verdict;
import org.perfregression.stats.SampleStatistics;

/**
 * How one benchmark of a suite moved against the suite's other benchmarks in the same run: the level between
 * the run and the subsection. A code change often slows one code path, i.e. every subsection of one
 * benchmark by the same few percent; each subsection alone cannot see it below its own minimum
 * detectable change (a third, against ground truth on a shared machine), but the benchmark's median
 * over dozens of subsections can. The machine moves benchmarks unequally too, so a move counts only
 * beyond a tolerance measured on unchanged code (A/A runs, docs/gate.md) and when it is significant
 * ({@link GateCheck#SIDE_BY_SIDE_SHIFT_Z} standard errors).
 *
 * <p>Also carries the benchmark's own spread of subsections around its level
 * ({@link RunEffect#interactionVariance} of {@link #own}): subsections of a benchmark that moves from run to
 * run are judged against that movement, not the suite's typical one.
 *
 * @param own the benchmark's subsections' shift (their median change) and spread around it
 * @param suiteLevel the median of the shifts of the suite's benchmarks of
 *     {@link GateCheck#MIN_SUBSECTIONS_FOR_SHIFT} subsections or more, this one's included (log ratio):
 *     robust to one benchmark in three moving, where the median of all subsections is not (one benchmark
 *     of three slowed by 10 % moves that median by about 4 %)
 * @param standardError of {@code own.shift()}
 * @param tolerancePct how far a benchmark may move against the rest of its suite without a code change
 */
public record BenchmarkMove(RunEffect own, double suiteLevel, double standardError, double tolerancePct) {

    /**
     * Default tolerance: in nine A/A runs of the accessor suite (2026-12-01, docs/gate.md) the three
     * benchmarks of 90 subsections moved -4.7 to +3.4 % against the suite's benchmarks.
     */
    public static final double DEFAULT_TOLERANCE_PCT = 5;

    /**
     * The move of the {@code index}-th benchmark of a suite whose benchmarks' changes are {@code changes}
     * (each {@code {log change, its squared standard error}}); null when it has fewer than
     * {@link GateCheck#MIN_SUBSECTIONS_FOR_SHIFT} subsections or is the only benchmark that has as many.
     */
    public static BenchmarkMove estimate(int index, List<List<double[]>> changes, double tolerancePct) {
        List<double[]> own = changes.get(index);
        double[] levels = changes.stream().filter(c -> c.size() >= GateCheck.MIN_SUBSECTIONS_FOR_SHIFT)
                .mapToDouble(c -> RunEffect.estimate(c).shift()).toArray();
        if (own.size() < GateCheck.MIN_SUBSECTIONS_FOR_SHIFT || levels.length < 2) {
            return null;
        }
        return new BenchmarkMove(RunEffect.estimate(own), SampleStatistics.median(levels),
                RunEffect.shiftStandardError(own), tolerancePct);
    }

    /** The benchmark's move against the suite's benchmarks, log ratio. */
    public double offset() {
        return own.shift() - suiteLevel;
    }

    public double offsetPct() {
        return ForkGate.pct(offset());
    }

    /** Whether the benchmark moved beyond the tolerance, significantly: a change of its code path. */
    public boolean moved() {
        return Math.abs(offsetPct()) > tolerancePct && Math.abs(offset()) > GateCheck.SIDE_BY_SIDE_SHIFT_Z * standardError;
    }

    /**
     * What this benchmark's subsections are judged against: its own level once it {@link #moved}
     * (so that one that stayed put stands out), else the suite's shift; in both cases with the
     * benchmark's own spread.
     */
    public RunEffect judgedAgainst(RunEffect suite) {
        return new RunEffect(moved() ? own.shift() : suite.shift(), own.interactionVariance());
    }

    /** What a benchmark whose move is {@code move} (null when unknown) is judged against in a run of {@code suite}. */
    static RunEffect judgedAgainst(BenchmarkMove move, RunEffect suite) {
        return move == null ? suite : move.judgedAgainst(suite);
    }

    /** Whether the benchmark's own change against the baselines, shift and all, is {@code verdict} (as {@link ForkGate#verdictOf}). */
    boolean ownChangeIs(Verdict verdict, ForkGate gate, org.perfregression.check.Direction direction) {
        return gate.verdictOf(ForkGate.pct(own.shift()), direction) == verdict;
    }

    /** E.g. {@code the benchmark at +11.2% against the suite's benchmarks (SE 1.1%), beyond the 5.0% tolerance}. */
    public String describe() {
        return String.format(Locale.ROOT, "the benchmark at %+.1f%% against the suite's benchmarks (SE %.1f%%), %s the "
                + "%.1f%% tolerance for one benchmark", offsetPct(), standardError * 100,
                Math.abs(offsetPct()) > tolerancePct ? "beyond" : "within", tolerancePct);
    }
}
