package org.perfregression.harness;

import java.util.List;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * How fast the machine is right now: a fixed kernel of integer work (divisions,
 * multiplications, loads from an L1-resident table: the accessor suite's kind of work), timed right after every iteration
 * in the same forked JVM, outside the measured window. On a shared machine the speed changes in
 * phases of seconds that the kernel sees as well as the benchmark; dividing each sample by the
 * kernel's time beside it removes them (the gate's drift correction).
 *
 * <p>Runs as a JMH internal profiler ({@code -prof org.perfregression.harness.CalibrationProfiler}); the result
 * is the secondary metric {@value #METRIC}, ns per kernel round, one value per measurement
 * iteration, in JMH's {@code rawData} like the primary score. It runs after warmup iterations too,
 * so that it is compiled before the first measurement.
 */
public final class CalibrationProfiler implements InternalProfiler {

    /** The secondary metric's name in JMH's results. */
    public static final String METRIC = org.perfregression.gate.ForkLayout.CALIBRATION_METRIC;

    private static final int ROUNDS = 8;
    private static final int[] TABLE = table();
    private static long sink;

    @Override
    public String getDescription() {
        return "times a fixed integer kernel after each iteration: the machine's speed beside every sample";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        double ns = nanosPerRound();
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        return List.of(new ScalarResult(METRIC, ns, "ns", AggregationPolicy.AVG));
    }

    /** Times {@link #ROUNDS} rounds of the kernel; the fastest of three, so that one interrupt does not count. */
    public static double nanosPerRound() {
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long start = System.nanoTime();
            long acc = 0;
            for (int r = 0; r < ROUNDS; r++) {
                acc += kernel(TABLE, r);
            }
            long elapsed = System.nanoTime() - start;
            sink += acc;
            best = Math.min(best, elapsed);
        }
        return (double) best / ROUNDS;
    }

    /** One round: about 1,000 divisions by values the JIT cannot know, with table loads between them. */
    public static long kernel(int[] table, int round) {
        long acc = round;
        int mask = table.length - 1;
        int index = round;
        for (int i = 0; i < 1024; i++) {
            int v = table[index & mask];
            acc += v / (i + 3) + (v % (round + 7)) * 31L;
            index = v ^ i;
        }
        return acc;
    }

    private static int[] table() {
        int[] t = new int[4096];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < t.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            t[i] = (int) (x >>> 33);
        }
        return t;
    }
}
