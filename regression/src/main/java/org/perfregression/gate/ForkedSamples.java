package org.perfregression.gate;

import java.util.List;
import org.perfregression.stats.SampleStatistics;

/**
 * One subsection's samples as they were measured: fork by fork (each fork a fresh JVM, the unit of
 * replication), each sample with the time the calibration kernel took right after it, which says
 * how fast the machine was at that moment.
 *
 * @param forks the samples of each fork, in measurement order
 * @param speeds the calibration time (ns) beside each sample, shaped as {@code forks}; null when the
 *     data was measured without the calibration kernel
 */
public record ForkedSamples(List<double[]> forks, List<double[]> speeds) {

    public ForkedSamples {
        forks = List.copyOf(forks);
        if (speeds != null) {
            speeds = List.copyOf(speeds);
            if (speeds.size() != forks.size()) {
                throw new IllegalArgumentException(forks.size() + " forks but speeds for " + speeds.size());
            }
            for (int f = 0; f < forks.size(); f++) {
                if (speeds.get(f).length != forks.get(f).length) {
                    throw new IllegalArgumentException("fork " + f + ": " + forks.get(f).length + " samples but "
                            + speeds.get(f).length + " speeds");
                }
            }
        }
    }

    /** Samples without fork structure: one fork holding them all (old data; it cannot be tested per fork). */
    public static ForkedSamples unstructured(double[] samples) {
        return new ForkedSamples(List.of(samples), null);
    }

    public int forkCount() {
        return forks.size();
    }

    public boolean hasSpeeds() {
        return speeds != null;
    }

    /** These forks followed by {@code more}'s (speeds kept only when both have them). */
    public ForkedSamples plus(ForkedSamples more) {
        List<double[]> allForks = new java.util.ArrayList<>(forks);
        allForks.addAll(more.forks);
        List<double[]> allSpeeds = null;
        if (hasSpeeds() && more.hasSpeeds()) {
            allSpeeds = new java.util.ArrayList<>(speeds);
            allSpeeds.addAll(more.speeds);
        }
        return new ForkedSamples(allForks, allSpeeds);
    }

    /**
     * The level of each fork on a log scale: {@code ln(median(sample / speed))} with drift correction,
     * {@code ln(median(sample))} without it (or without speeds). The median keeps a fork's level
     * robust to a few disturbed iterations; the ratio to the calibration time taken right after each
     * iteration removes the machine's speed at that moment, which changes in phases of seconds on a
     * shared machine.
     */
    public double[] levels(boolean correctDrift) {
        boolean correct = correctDrift && hasSpeeds();
        double[] levels = new double[forks.size()];
        for (int f = 0; f < forks.size(); f++) {
            double[] samples = forks.get(f);
            double[] values = new double[samples.length];
            for (int i = 0; i < samples.length; i++) {
                values[i] = correct ? samples[i] / speeds.get(f)[i] : samples[i];
            }
            levels[f] = Math.log(SampleStatistics.median(values));
        }
        return levels;
    }

    /** Every calibration time of every fork, or an empty array without speeds. */
    public double[] allSpeeds() {
        if (speeds == null) {
            return new double[0];
        }
        return speeds.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
