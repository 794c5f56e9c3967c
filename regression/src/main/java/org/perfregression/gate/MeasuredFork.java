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
 * @param allocBytesPerOp bytes allocated per operation in this fork (the median over its iterations of
 *     JMH's {@code gc.alloc.rate.norm}); NaN when not measured
 */
public record MeasuredFork(int samples, long startedMillis, int pass, boolean confirmation, double[] speeds,
        double otherCpuPct, double allocBytesPerOp) {

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
    }

    /** A fork whose allocation was not measured. */
    public MeasuredFork(int samples, long startedMillis, int pass, boolean confirmation, double[] speeds,
            double otherCpuPct) {
        this(samples, startedMillis, pass, confirmation, speeds, otherCpuPct, Double.NaN);
    }

    /** Whether its allocation was measured. */
    public boolean hasAllocation() {
        return !Double.isNaN(allocBytesPerOp);
    }
}
