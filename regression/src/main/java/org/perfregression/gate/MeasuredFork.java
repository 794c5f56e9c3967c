package org.perfregression.gate;

/**
 * How one fork of one subsection was measured.
 *
 * @param samples how many of the subsection's samples it holds (forks are stored one after another)
 * @param startedMillis when it started, epoch milliseconds; 0 when unknown
 * @param pass which pass of the interleaved run it belongs to (1-based); 0 when unknown
 * @param confirmation whether it was a fresh fork re-measuring a flagged subsection
 * @param speeds the calibration kernel's time (ns) after each of its samples; null when not measured
 * @param otherCpuPct other processes' share of the machine's CPU while it ran, in %; NaN when unknown
 * @param allocBytesPerOp bytes allocated per operation in this fork (the median over its iterations);
 *     NaN when not measured
 * @param allocScope whose bytes {@code allocBytesPerOp} counts; null exactly when it was not measured
 */
public record MeasuredFork(int samples, long startedMillis, int pass, boolean confirmation, double[] speeds,
        double otherCpuPct, double allocBytesPerOp, AllocationScope allocScope) {

    public MeasuredFork {
        if (samples <= 0) {
            throw new IllegalArgumentException("a fork needs at least one sample, got " + samples);
        }
        if (speeds != null && speeds.length != samples) {
            throw new IllegalArgumentException(samples + " samples but " + speeds.length + " calibration times");
        }
        if (!Double.isNaN(allocBytesPerOp) && !(allocBytesPerOp >= 0 && Double.isFinite(allocBytesPerOp))) {
            throw new IllegalArgumentException("bytes allocated per operation must be a finite number >= 0, got "
                    + allocBytesPerOp);
        }
        if (Double.isNaN(allocBytesPerOp) != (allocScope == null)) {
            throw new IllegalArgumentException("an allocation figure needs its scope and only a figure has one, got "
                    + allocBytesPerOp + " B/op counted by " + allocScope);
        }
    }

    /**
     * A fork whose allocation, if measured, is JMH's {@code gc.alloc.rate.norm} (the whole JVM's),
     * as in every file written before {@link AllocationScope} existed.
     */
    public MeasuredFork(int samples, long startedMillis, int pass, boolean confirmation, double[] speeds,
            double otherCpuPct, double allocBytesPerOp) {
        this(samples, startedMillis, pass, confirmation, speeds, otherCpuPct, allocBytesPerOp,
                Double.isNaN(allocBytesPerOp) ? null : AllocationScope.WHOLE_JVM);
    }

    /** A fork whose allocation was not measured. */
    public MeasuredFork(int samples, long startedMillis, int pass, boolean confirmation, double[] speeds,
            double otherCpuPct) {
        this(samples, startedMillis, pass, confirmation, speeds, otherCpuPct, Double.NaN, null);
    }

    /**
     * Fork {@code f} of a JMH result, with the allocation figure it carries ({@link ForkLayout#allocation}),
     * counted as {@link ForkLayout#allocationScope} says.
     */
    public static MeasuredFork of(org.perfregression.jmh.JmhResult result, int f, long startedMillis, int pass,
            boolean confirmation, double[] speeds, double otherCpuPct) {
        double allocated = ForkLayout.allocation(result, f);
        return new MeasuredFork(result.samples().get(f).length, startedMillis, pass, confirmation, speeds, otherCpuPct,
                allocated, Double.isNaN(allocated) ? null : ForkLayout.allocationScope(result));
    }

    /** Whether its allocation was measured. */
    public boolean hasAllocation() {
        return !Double.isNaN(allocBytesPerOp);
    }
}
