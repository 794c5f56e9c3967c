package org.perfregression.gate;

import java.util.List;

/**
 * One subsection's samples as they were measured: fork by fork (each fork a fresh JVM, the unit of
 * replication), each sample with the time the calibration kernel took right after it, which says
 * how fast the machine was at that moment.
 *
 * @param forks the samples of each fork, in measurement order
 * @param speeds the calibration time (ns) beside each sample, shaped as {@code forks}; null when the
 *     data was measured without the calibration kernel
 * @param allocations each fork's bytes per operation where the figure is {@linkplain AllocationScope#exact
 *     exact} (the benchmark's threads'), NaN otherwise: what tells the forks' escape-analysis modes apart
 *     ({@link ForkModes#of(double[], double[])}); all NaN when null is given
 */
public record ForkedSamples(List<double[]> forks, List<double[]> speeds, double[] allocations) {

    public ForkedSamples {
        forks = List.copyOf(forks);
        if (allocations == null) {
            allocations = new double[forks.size()];
            java.util.Arrays.fill(allocations, Double.NaN);
        } else if (allocations.length != forks.size()) {
            throw new IllegalArgumentException(forks.size() + " forks but allocation figures for " + allocations.length);
        } else {
            allocations = allocations.clone();
        }
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

    /** Forks without allocation figures. */
    public ForkedSamples(List<double[]> forks, List<double[]> speeds) {
        this(forks, speeds, null);
    }

    @Override
    public double[] allocations() {
        return allocations.clone();
    }

    /** Samples without fork structure: one fork holding them all (old data; it cannot be tested per fork). */
    public static ForkedSamples unstructured(double[] samples) {
        return new ForkedSamples(List.of(samples), null);
    }

    /**
     * These forks measured on a machine that was slower by {@code phase[f]} (a log ratio) during
     * fork {@code f} than its calibration times say ({@link MachinePhase}): each fork's calibration
     * times are scaled by {@code exp(phase[f])}, so its drift-corrected level drops by {@code phase[f]}.
     */
    public ForkedSamples withPhase(double[] phase) {
        if (speeds == null || phase.length != forks.size()) {
            throw new IllegalArgumentException("a phase per fork needs calibration times and " + forks.size()
                    + " values, got " + phase.length);
        }
        List<double[]> scaled = new java.util.ArrayList<>();
        for (int f = 0; f < forks.size(); f++) {
            double factor = Math.exp(phase[f]);
            scaled.add(java.util.Arrays.stream(speeds.get(f)).map(s -> s * factor).toArray());
        }
        return new ForkedSamples(forks, scaled, allocations);
    }

    /** These forks without those {@code drop} marks, e.g. forks measured in a machine phase ({@link MachinePhase}). */
    public ForkedSamples without(boolean[] drop) {
        if (drop.length != forks.size()) {
            throw new IllegalArgumentException(forks.size() + " forks but " + drop.length + " marks");
        }
        List<double[]> kept = new java.util.ArrayList<>();
        List<double[]> keptSpeeds = speeds == null ? null : new java.util.ArrayList<>();
        double[] keptAllocations = new double[forks.size()];
        int n = 0;
        for (int f = 0; f < forks.size(); f++) {
            if (!drop[f]) {
                kept.add(forks.get(f));
                if (keptSpeeds != null) {
                    keptSpeeds.add(speeds.get(f));
                }
                keptAllocations[n++] = allocations[f];
            }
        }
        return new ForkedSamples(kept, keptSpeeds, java.util.Arrays.copyOf(keptAllocations, n));
    }

    /**
     * These forks with each calibration time {@code c} replaced by {@code center * (c / center)^exponent}
     * ({@link KernelCoefficient}): the drift correction then takes out the machine's speed of the
     * whole side ({@code center}) in full, and its variation within the side only as far as
     * {@code exponent} says; 0 leaves the variation out.
     */
    public ForkedSamples withKernelExponent(double exponent, double center) {
        return speeds == null ? this : new ForkedSamples(forks, speeds.stream().map(s -> java.util.Arrays.stream(s)
                .map(v -> center * Math.pow(v / center, exponent)).toArray()).toList(), allocations);
    }

    /**
     * These forks for data where higher is better (throughput, operations per time): its calibration
     * times inverted, so that dividing by them still takes out the machine's speed (a slow moment
     * lowers throughput and raises the kernel's time).
     */
    public ForkedSamples forHigherIsBetter() {
        return speeds == null ? this : new ForkedSamples(forks,
                speeds.stream().map(s -> java.util.Arrays.stream(s).map(v -> 1 / v).toArray()).toList(), allocations);
    }

    public int forkCount() {
        return forks.size();
    }

    public boolean hasSpeeds() {
        return speeds != null;
    }

    /** Share of a fork's samples cut from each end before averaging: see {@link #levels}. */
    public static final double TRIM = 0.1;

    /**
     * The level of each fork on a log scale: {@code ln(trimmed mean(sample / speed))} with drift
     * correction, {@code ln(trimmed mean(sample))} without it (or without speeds); 10 % of the samples
     * are cut from each end. The ratio to the calibration time taken right after each iteration
     * removes the machine's speed at that moment, which changes in phases of seconds to minutes on a
     * shared machine. Why a trimmed mean, measured on the committed baselines (6 forks of 25 samples
     * per subsection): samples inside one fork often switch between two speeds (the constructor
     * between about 50 and 80 ns after a garbage collection, the page walks between about 45 and 82
     * us), so a fork's median flips between the modes with the share of time in each, while a trimmed
     * mean follows that share smoothly and still ignores the collections' outliers. The median
     * fork-to-fork SD over subsections, drift-corrected, was 14.2, 10.6, 10.2, 16.9, 21.5 % with the
     * median and 10.5, 9.5, 8.3, 14.4, 17.9 % with the 10 % trimmed mean (constructor,
     * get_noc_addr_page_coord, get_noc_addr_page_id, manual_pages_iteration, pages_iterator).
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
            levels[f] = Math.log(trimmedMean(values));
        }
        return levels;
    }

    /** The mean of {@code values} without the {@link #TRIM} share of the smallest and of the largest. */
    public static double trimmedMean(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int cut = (int) (sorted.length * TRIM);
        double sum = 0;
        for (int i = cut; i < sorted.length - cut; i++) {
            sum += sorted[i];
        }
        return sum / (sorted.length - 2 * cut);
    }
}
