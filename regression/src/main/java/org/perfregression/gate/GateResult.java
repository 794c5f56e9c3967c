package org.perfregression.gate;

import org.perfregression.check.Verdict;
import org.perfregression.data.SubsectionKey;

/**
 * The gate's verdict on one subsection and the numbers behind it. Changes are changes of the
 * subsection's level (the median over forks of each fork's log trimmed mean, drift-corrected), in %:
 * {@code +20} means 1.2 times the baseline's time. The test judges the change relative to the run's
 * shift (the median change of the whole suite, see {@link GateCheck}).
 *
 * @param key which subsection
 * @param verdict regression, improvement or no change, after confirmation
 * @param changePct the estimated change relative to the run's shift: what the test judges
 * @param absolutePct the estimated change itself, shift included
 * @param lowPct lower end of the {@code 1 - significance} confidence interval of the change
 * @param highPct upper end of that interval
 * @param pValue two-sided p-value of the moderated t test on fork levels (NaN when it cannot be tested)
 * @param df degrees of freedom of that test
 * @param mdcPct minimum detectable change: the smallest slowdown this comparison flags with the
 *     gate's power (90 % by default), given these fork counts and this fork-to-fork noise
 * @param baselineForks forks on the baseline side
 * @param currentForks forks on the current side (the first test's)
 * @param driftCorrected whether both sides were normalised by the calibration kernel
 * @param confirmation what re-measuring said
 * @param confirmPValue one-sided p-value of the confirmation test in the flagged direction, NaN without one
 * @param message one line for people
 */
public record GateResult(
        SubsectionKey key,
        Verdict verdict,
        double changePct,
        double absolutePct,
        double lowPct,
        double highPct,
        double pValue,
        double df,
        double mdcPct,
        int baselineForks,
        int currentForks,
        boolean driftCorrected,
        Confirmation confirmation,
        double confirmPValue,
        String message) {

    /** The first test flagged it on its own, whatever confirmation said. */
    public boolean flagged() {
        return confirmation == Confirmation.NOT_REMEASURED || confirmation == Confirmation.CONFIRMED
                || confirmation == Confirmation.CLEARED;
    }

    /**
     * Flagged for the mix of its fork modes ({@link ForkModes}): the only flag with a p-value and no
     * interval (a flag of the level test always has one). Confirmation re-tests the mix.
     */
    public boolean flaggedByModeMix() {
        return flagged() && !Double.isNaN(pValue) && Double.isNaN(lowPct);
    }

    /** Whether the whole confidence interval of the change lies beyond {@code floorPct} on one side. */
    public boolean intervalBeyond(double floorPct) {
        return lowPct > floorPct || highPct < -floorPct;
    }

    /** Size of the change relative to the noise, for ordering worst first: |change| / MDC. */
    public double severity() {
        return Double.isFinite(changePct) && mdcPct > 0 ? Math.abs(changePct) / mdcPct : 0;
    }
}
