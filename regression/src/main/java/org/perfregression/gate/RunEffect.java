package org.perfregression.gate;

import java.util.List;
import org.perfregression.stats.SampleStatistics;

/**
 * How a whole run moved against the baselines, beyond what the calibration kernel saw: the level of
 * variance above forks (Kalibera and Jones, ISMM 2013). A shared machine's state shifts the whole
 * suite ({@link #shift}), and not every subsection by the same amount ({@link #interactionVariance}):
 * measured here, two runs 20 minutes apart moved the suite by 6-9 % and single subsections by up to
 * 25 %, confirmed in fresh forks measured in the same state. Both are estimated from the suite itself,
 * robustly, so that a minority of really changed subsections does not move them: the shift is the
 * median change, the interaction variance the squared spread of the changes around it (1.4826 x
 * their median absolute deviation) minus what the subsections' own standard errors explain (as
 * DerSimonian and Laird's between-study variance), at least 0.
 *
 * @param shift the suite's shift, a log ratio
 * @param interactionVariance the variance of a subsection's change around the shift beyond its own noise (log scale)
 */
public record RunEffect(double shift, double interactionVariance) {

    /** No run effect: subsections are judged on their own (fewer than {@link GateCheck#MIN_SUBSECTIONS_FOR_SHIFT}). */
    public static final RunEffect NONE = new RunEffect(0, 0);

    /**
     * The run effect of a suite.
     *
     * @param changes each subsection's {@code {log change, its squared standard error}}
     */
    public static RunEffect estimate(List<double[]> changes) {
        if (changes.size() < GateCheck.MIN_SUBSECTIONS_FOR_SHIFT) {
            return NONE;
        }
        double[] d = changes.stream().mapToDouble(c -> c[0]).toArray();
        double shift = SampleStatistics.median(d);
        double spread = robustSd(d, shift);
        double noise = SampleStatistics.median(changes.stream().mapToDouble(c -> c[1]).filter(Double::isFinite).toArray());
        return new RunEffect(shift, Math.max(0, spread * spread - noise));
    }

    /**
     * This effect for one subsection whose own movement from run to run ({@link RunMovement}) is
     * {@code variance}: the larger of the two, so that neither a wide run nor a restless subsection
     * is judged too strictly.
     */
    public RunEffect withInteractionAtLeast(double variance) {
        return variance > interactionVariance ? new RunEffect(shift, variance) : this;
    }

    /** The interaction's standard deviation in %, for reports. */
    public double interactionSdPct() {
        return Math.sqrt(interactionVariance) * 100;
    }

    /**
     * The standard error of the shift (the median of {@code changes}' log changes): the large-sample
     * SE of a median, {@code sqrt(pi/2)} times a robust SD (1.4826 x MAD) over {@code sqrt(n)}.
     * NaN below {@link GateCheck#MIN_SUBSECTIONS_FOR_SHIFT} subsections.
     */
    public static double shiftStandardError(List<double[]> changes) {
        if (changes.size() < GateCheck.MIN_SUBSECTIONS_FOR_SHIFT) {
            return Double.NaN;
        }
        double[] d = changes.stream().mapToDouble(c -> c[0]).toArray();
        return Math.sqrt(Math.PI / 2) * robustSd(d, SampleStatistics.median(d)) / Math.sqrt(d.length);
    }

    /** 1.4826 x the median absolute deviation from {@code median}: the SD of normal data, robustly. */
    private static double robustSd(double[] d, double median) {
        return 1.4826 * SampleStatistics.madAround(d, median);
    }
}
