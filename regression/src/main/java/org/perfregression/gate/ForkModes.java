package org.perfregression.gate;

import java.util.Arrays;
import java.util.Locale;
import org.perfregression.check.Direction;
import org.perfregression.stats.SampleStatistics;

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
 * <p>Found when the largest gap between the sorted baseline levels is at least two-fold and at least
 * {@value #GAP_IN_SDS} times the pooled standard deviation within the two clusters either side of it,
 * with at least {@value #MIN_FORKS} baseline forks (a normal sample of 6 shows a gap of 6 standard
 * deviations 3.8 % of the time, of 12 0.1 %). Milder gaps are left pooled: with a 15 % gap instead,
 * a third of the accessor suite's subsections were judged by mode, and in 7 saved unchanged runs
 * that took no first-test flag away (46 against 47) while the spread it removed from the forks
 * reappeared as the run's interaction spread (docs/gate.md).
 *
 * @param cut the log level between the two modes: a fork at or above it is in the high mode
 * @param gap the high mode's median level minus the low mode's, on the log scale; 0 when there are no modes
 * @param mainIsLow whether the low mode is the main one (more baseline forks; the low one on a tie),
 *     onto which the other mode's forks are aligned
 */
public record ForkModes(double cut, double gap, boolean mainIsLow) {

    /** One mode: levels are judged as they are. */
    public static final ForkModes NONE = new ForkModes(Double.NaN, 0, true);

    static final int MIN_FORKS = 6;
    /** Modes at least two-fold apart, as regeneration's "forks disagree" (a milder gap is the machine's phases, measured). */
    static final double MIN_GAP = Math.log(2);
    static final double GAP_IN_SDS = 6;

    /** The modes of a subsection's baseline fork levels (log scale), or {@link #NONE}. */
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
                SampleStatistics.median(high) - SampleStatistics.median(low), low.length >= high.length);
    }

    public boolean found() {
        return gap > 0;
    }

    /** The levels with the other mode's forks moved onto the main mode: what the level test compares. */
    public double[] align(double[] levels) {
        if (!found()) {
            return levels;
        }
        double[] aligned = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            boolean high = levels[i] >= cut;
            aligned[i] = mainIsLow && high ? levels[i] - gap : !mainIsLow && !high ? levels[i] + gap : levels[i];
        }
        return aligned;
    }

    /** How many of {@code levels} lie in the worse mode: the high one for times, the low one for throughput. */
    int inWorse(double[] levels, Direction direction) {
        int high = 0;
        for (double level : levels) {
            if (level >= cut) {
                high++;
            }
        }
        return direction == Direction.HIGHER_IS_BETTER ? levels.length - high : high;
    }

    double shareOfWorse(double[] levels, Direction direction) {
        return levels.length == 0 ? 0 : (double) inWorse(levels, direction) / levels.length;
    }

    /**
     * One-sided p-value of Fisher's exact test that the worse mode holds a larger share of the
     * current forks than of the baseline's (the hypergeometric upper tail); 1 without modes.
     */
    public double mixP(double[] baselineLevels, double[] currentLevels, Direction direction) {
        if (!found() || currentLevels.length == 0) {
            return 1;
        }
        int nb = baselineLevels.length;
        int nc = currentLevels.length;
        int kc = inWorse(currentLevels, direction);
        int k = inWorse(baselineLevels, direction) + kc;
        double p = 0;
        for (int x = kc; x <= Math.min(k, nc); x++) {
            p += Math.exp(logChoose(k, x) + logChoose(nb + nc - k, nc - x) - logChoose(nb + nc, nc));
        }
        return Math.min(1, p);
    }

    /** The shares of the worse mode, for reports: {@code worse mode (+46%) in 2 of 2 current forks, 1 of 6 baseline}. */
    String describeMix(double[] baselineLevels, double[] currentLevels, Direction direction) {
        boolean worseIsHigh = direction != Direction.HIGHER_IS_BETTER;
        return String.format(Locale.ROOT, "the %s fork mode (%+.1f%%) in %d of %d current forks, %d of %d baseline",
                worseIsHigh ? "slower" : "lower", ForkGate.pct(worseIsHigh ? gap : -gap),
                inWorse(currentLevels, direction), currentLevels.length, inWorse(baselineLevels, direction),
                baselineLevels.length);
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
