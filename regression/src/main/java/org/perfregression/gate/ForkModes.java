package org.perfregression.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.perfregression.check.Direction;
import org.perfregression.stats.GapClusters;
import org.perfregression.stats.SampleStatistics;
import org.perfregression.stats.StudentT;

/**
 * Two speed modes in one subsection's baseline forks, and how the gate judges a subsection that has
 * them: the level within each mode, and the mix of modes, each on its own.
 *
 * <p>Some benchmarks' forks settle in one of two levels far apart (a JIT decision: a string-building
 * benchmark at 48 ns in some forks and 447 ns in others). Pooled into one level, such a subsection
 * is judged against a fork-to-fork spread of the modes' distance, so it is blind, and a current run
 * whose few forks fall into the rarer mode more often looks several times slower. Judged by mode,
 * the level is compared within the modes, where the noise is the modes' own, and a shift of the mix
 * (the worse mode in more of the current forks) is a question of counts, Fisher's exact test.
 *
 * <p>Found in two ways. <b>By level</b>: the largest gap between the sorted baseline levels is at
 * least two-fold and at least {@value #GAP_IN_SDS} times the pooled standard deviation within the two
 * clusters either side of it, with at least {@value #MIN_FORKS} baseline forks (a normal sample of 6
 * shows a gap of 6 standard deviations 3.8 % of the time, of 12 0.1 %). Milder gaps are left pooled
 * there: with a 15 % gap instead, a third of the accessor suite's subsections were judged by mode, and
 * in 7 saved unchanged runs that took no first-test flag away (46 against 47) while the spread it
 * removed from the forks reappeared as the run's interaction spread (docs/gate.md). <b>By
 * allocation</b>: where the JIT's escape analysis removes an allocation in some JVMs and not in
 * others, each fork's bytes per operation on the benchmark's threads say which mode it is in, exactly
 * (a page walk's forks at 123.5 or 173.0 B/op, 1.56 times slower in the second). The baseline's
 * figures fall into exactly two clusters of at least two forks each (cut where neighbours lie more
 * than {@value #ALLOCATION_BYTES} bytes or {@value #ALLOCATION_PCT} % apart, as the allocation check
 * tells modes apart), and the clusters' levels differ beyond chance (the two-sample t test at
 * {@value #ALLOCATION_SIGNIFICANCE}, two-sided). The membership is not read from the levels, so no
 * two-fold gap is needed: the gap is what the clusters' median levels say.
 *
 * @param cut the log level between the two modes: a fork at or above it is in the high mode, where
 *     its allocation does not say
 * @param gap the high mode's median level minus the low mode's, on the log scale; 0 when there are no modes
 * @param mainIsLow whether the low mode is the main one (more baseline forks; the low one on a tie),
 *     onto which the other mode's forks are aligned
 * @param allocationCut bytes per operation between the two modes' allocation clusters; NaN when the
 *     modes were found by level
 * @param highAllocatesMore whether the high (slow, for times) mode is the one that allocates more
 */
public record ForkModes(double cut, double gap, boolean mainIsLow, double allocationCut, boolean highAllocatesMore) {

    /** One mode: levels are judged as they are. */
    public static final ForkModes NONE = new ForkModes(Double.NaN, 0, true, Double.NaN, false);

    static final int MIN_FORKS = 6;
    /** Modes at least two-fold apart, as regeneration's "forks disagree" (a milder gap is the machine's phases, measured). */
    static final double MIN_GAP = Math.log(2);
    static final double GAP_IN_SDS = 6;
    /**
     * Two allocation figures lie in different modes when further apart than this many bytes or this
     * share (%) of the lower one, whichever is larger: the allocation check's default tolerance too.
     */
    public static final double ALLOCATION_BYTES = 8;
    public static final double ALLOCATION_PCT = 2;
    static final double ALLOCATION_SIGNIFICANCE = 0.01;

    /** Modes found by level alone, for forks without allocation figures. */
    public static ForkModes of(double[] baselineLevels) {
        int n = baselineLevels.length;
        if (n < MIN_FORKS) {
            return NONE;
        }
        double[] sorted = baselineLevels.clone();
        Arrays.sort(sorted);
        int split = 1;
        for (int i = 2; i < n; i++) {
            if (sorted[i] - sorted[i - 1] > sorted[split] - sorted[split - 1]) {
                split = i;
            }
        }
        double[] low = Arrays.copyOfRange(sorted, 0, split);
        double[] high = Arrays.copyOfRange(sorted, split, n);
        double largest = sorted[split] - sorted[split - 1];
        double within = Math.sqrt((ForkGate.sumOfSquares(low) + ForkGate.sumOfSquares(high)) / (n - 2));
        if (!(largest >= MIN_GAP) || !(largest >= GAP_IN_SDS * within)) {
            return NONE;
        }
        return new ForkModes((sorted[split] + sorted[split - 1]) / 2,
                SampleStatistics.median(high) - SampleStatistics.median(low), low.length >= high.length, Double.NaN,
                false);
    }

    /**
     * The modes of a subsection's baseline forks: by level where they are two-fold apart, otherwise
     * by allocation where every fork has a figure ({@code allocations} as {@link ForkedSamples#allocations}).
     */
    public static ForkModes of(double[] baselineLevels, double[] allocations) {
        ForkModes byLevel = of(baselineLevels);
        if (byLevel.found() || baselineLevels.length < MIN_FORKS || Arrays.stream(allocations).anyMatch(Double::isNaN)) {
            return byLevel;
        }
        List<double[]> clusters = GapClusters.of(allocations,
                bytes -> Math.max(ALLOCATION_BYTES, bytes * ALLOCATION_PCT / 100), 2);
        if (clusters.size() != 2) {
            return NONE;
        }
        double allocationCut = (clusters.get(0)[1] + clusters.get(1)[0]) / 2;
        List<Double> less = new ArrayList<>();
        List<Double> more = new ArrayList<>();
        for (int i = 0; i < baselineLevels.length; i++) {
            (allocations[i] < allocationCut ? less : more).add(baselineLevels[i]);
        }
        double[] lessLevels = less.stream().mapToDouble(Double::doubleValue).toArray();
        double[] moreLevels = more.stream().mapToDouble(Double::doubleValue).toArray();
        double difference = SampleStatistics.median(moreLevels) - SampleStatistics.median(lessLevels);
        int df = baselineLevels.length - 2;
        double within = Math.sqrt((ForkGate.sumOfSquares(lessLevels) + ForkGate.sumOfSquares(moreLevels)) / df);
        double se = within * Math.sqrt(1.0 / lessLevels.length + 1.0 / moreLevels.length);
        if (difference == 0 || se > 0 && StudentT.twoSidedP(difference / se, df) >= ALLOCATION_SIGNIFICANCE) {
            return NONE;
        }
        boolean highAllocatesMore = difference > 0;
        double lowMedian = SampleStatistics.median(highAllocatesMore ? lessLevels : moreLevels);
        int lowCount = highAllocatesMore ? lessLevels.length : moreLevels.length;
        return new ForkModes(lowMedian + Math.abs(difference) / 2, Math.abs(difference),
                lowCount >= baselineLevels.length - lowCount, allocationCut, highAllocatesMore);
    }

    public boolean found() {
        return gap > 0;
    }

    /** Whether the modes were told apart by allocation. */
    public boolean byAllocation() {
        return !Double.isNaN(allocationCut);
    }

    /**
     * Which of the forks lie in the high mode: by allocation where the modes were told apart so and
     * the fork has a figure, by level otherwise. All false without modes.
     */
    public boolean[] high(double[] levels, double[] allocations) {
        boolean[] high = new boolean[levels.length];
        for (int i = 0; i < levels.length; i++) {
            double allocated = allocations == null ? Double.NaN : allocations[i];
            high[i] = found() && (byAllocation() && !Double.isNaN(allocated)
                    ? (allocated >= allocationCut) == highAllocatesMore
                    : levels[i] >= cut);
        }
        return high;
    }

    /** The levels with the other mode's forks moved onto the main mode: what the level test compares. */
    public double[] align(double[] levels, boolean[] high) {
        if (!found()) {
            return levels;
        }
        double[] aligned = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            aligned[i] = mainIsLow && high[i] ? levels[i] - gap : !mainIsLow && !high[i] ? levels[i] + gap : levels[i];
        }
        return aligned;
    }

    /** {@link #align(double[], boolean[])} with each fork's mode read from its level (runs recorded without allocation). */
    public double[] align(double[] levels) {
        return align(levels, high(levels, null));
    }

    /** How many of the forks lie in the worse mode: the high one for times, the low one for throughput. */
    int inWorse(boolean[] high, Direction direction) {
        int count = 0;
        for (boolean h : high) {
            count += h ? 1 : 0;
        }
        return direction == Direction.HIGHER_IS_BETTER ? high.length - count : count;
    }

    double shareOfWorse(boolean[] high, Direction direction) {
        return high.length == 0 ? 0 : (double) inWorse(high, direction) / high.length;
    }

    /**
     * One-sided p-value of Fisher's exact test that the worse mode holds a larger share of the
     * current forks than of the baseline's (the hypergeometric upper tail); 1 without modes.
     *
     * @param baselineHigh which baseline forks lie in the high mode ({@link #high})
     * @param currentHigh which current forks do
     */
    public double mixP(boolean[] baselineHigh, boolean[] currentHigh, Direction direction) {
        if (!found() || currentHigh.length == 0) {
            return 1;
        }
        int nb = baselineHigh.length;
        int nc = currentHigh.length;
        int kc = inWorse(currentHigh, direction);
        int k = inWorse(baselineHigh, direction) + kc;
        double p = 0;
        for (int x = kc; x <= Math.min(k, nc); x++) {
            p += Math.exp(logChoose(k, x) + logChoose(nb + nc - k, nc - x) - logChoose(nb + nc, nc));
        }
        return Math.min(1, p);
    }

    /**
     * The shares of the worse mode, for reports: {@code the slower fork mode (+46.0%) in 2 of 2 current
     * forks, 1 of 6 baseline}, and how the modes were told apart where it was by allocation.
     */
    String describeMix(boolean[] baselineHigh, boolean[] currentHigh, Direction direction) {
        boolean worseIsHigh = direction != Direction.HIGHER_IS_BETTER;
        return String.format(Locale.ROOT, "the %s fork mode (%+.1f%%) in %d of %d current forks, %d of %d baseline",
                worseIsHigh ? "slower" : "lower", ForkGate.pct(worseIsHigh ? gap : -gap),
                inWorse(currentHigh, direction), currentHigh.length, inWorse(baselineHigh, direction),
                baselineHigh.length)
                + (byAllocation() ? String.format(Locale.ROOT, " (told apart by allocation: the %s mode allocates %s "
                        + "than %.1f B/op)", worseIsHigh ? "slower" : "lower", worseIsHigh == highAllocatesMore ? "more"
                        : "less", allocationCut) : "");
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
