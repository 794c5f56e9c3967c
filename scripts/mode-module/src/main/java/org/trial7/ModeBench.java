package org.trial7;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Written for the trial: {@code build} settles, per JVM, in one of two modes ten-fold apart (a
 * quarter of the forks take the slow one, as a JIT decision would); {@code hash} has one mode.
 * {@code -Dmode.slow.pct=P} gives {@code build} P % more words in both modes (no measurable effect:
 * the words are not what takes the time); {@code -Dmode.extra.pct=P} builds twice in every
 * (100/P)th operation, P % more work in both modes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ModeBench {

    private static final int REPEAT = new SplittableRandom(System.nanoTime()).nextInt(4) == 0 ? 10 : 1;
    private static final int EXTRA_EVERY = extraEvery(Double.parseDouble(System.getProperty("mode.extra.pct", "0")));
    private static final double SLOW = Double.parseDouble(System.getProperty("mode.slow.pct", "0")) / 100;

    private static int extraEvery(double pct) {
        return pct > 0 ? (int) Math.round(100 / pct) : 0;
    }

    int op;

    @Param({"16", "256"})
    int n;

    String[] words;
    long[] values;
    int buildWords;

    @Setup
    public void setup() {
        words = new String[n];
        values = new long[n];
        for (int i = 0; i < n; i++) {
            words[i] = "w" + (i * 31 % 997);
            values[i] = i * 0x9E3779B97F4A7C15L;
        }
        buildWords = (int) Math.round(n * (1 + SLOW));
    }

    @Benchmark
    public int build() {
        int length = 0;
        int repeats = EXTRA_EVERY > 0 && ++op % EXTRA_EVERY == 0 ? 2 * REPEAT : REPEAT;
        for (int r = 0; r < repeats; r++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < buildWords; i++) {
                sb.append(words[i % n]).append(',');
            }
            length += sb.length();
        }
        return length;
    }

    @Benchmark
    public long hash() {
        long h = 1;
        for (long v : values) {
            h = h * 31 + (v ^ (v >>> 17));
        }
        return h;
    }
}
