package org.perfregression.history;

import org.perfregression.data.SubsectionKey;

/**
 * One subsection of a recorded run.
 *
 * @param benchmark its benchmark (data set)
 * @param key its section and subsection
 * @param unit e.g. {@code ns/op}; null when unknown
 * @param samples how many samples its forks held together
 * @param median the median of those samples
 * @param forks per fork of the first measurement (confirmation forks are not part of a run's level)
 */
public record RecordedSubsection(String benchmark, SubsectionKey key, String unit, int samples, double median,
        java.util.List<Fork> forks) {

    public RecordedSubsection {
        forks = java.util.List.copyOf(forks);
        if (forks.isEmpty()) {
            throw new IllegalArgumentException(benchmark + " " + key + ": a recorded subsection needs its forks");
        }
    }

    /**
     * The run's level of this subsection: its fastest fork's level (the lowest where lower is
     * better, the highest where higher is; see {@link HistoryChanges} for why); NaN without forks.
     */
    public double level() {
        boolean higherIsBetter = org.perfregression.check.Direction.ofUnit(unit)
                == org.perfregression.check.Direction.HIGHER_IS_BETTER;
        java.util.stream.DoubleStream levels = forks.stream().mapToDouble(Fork::level);
        return (higherIsBetter ? levels.max() : levels.min()).orElse(Double.NaN);
    }

    /**
     * One fork's figures, on a log scale where a level.
     *
     * @param level {@code ln(trimmed mean(sample / calibration))}, drift-corrected; the raw level without calibration
     * @param rawLevel {@code ln(trimmed mean(sample))}
     * @param calibration {@code ln(trimmed mean(calibration time))}; NaN without calibration
     * @param allocBytesPerOp bytes allocated per operation; NaN when not measured
     */
    public record Fork(double level, double rawLevel, double calibration, double allocBytesPerOp) {
    }
}
