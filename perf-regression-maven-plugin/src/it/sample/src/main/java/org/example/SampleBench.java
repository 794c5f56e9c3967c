package org.example;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Two small benchmarks; -Dsample.work=N makes them do N steps (a real slowdown of both),
 * -Dsample.slow.pct=P -Dsample.slow.only=METHOD makes that method do P % more steps (a real slowdown
 * of one code path), -Dsample.fail=true makes one throw.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SampleBench {

    private static final int WORK = Integer.getInteger("sample.work", 5000);
    private static final double SLOW = Double.parseDouble(System.getProperty("sample.slow.pct", "0")) / 100;
    private static final String SLOW_ONLY = System.getProperty("sample.slow.only", "");
    private static final int MIX_WORK = steps("mix");
    private static final int DIVIDE_WORK = steps("divide");
    private static final boolean FAIL = Boolean.getBoolean("sample.fail");

    private long seed = 42;

    private static int steps(String method) {
        return SLOW_ONLY.equals(method) ? (int) Math.round(WORK * (1 + SLOW)) : WORK;
    }

    @Benchmark
    public long mix() {
        long x = seed;
        for (int i = 0; i < MIX_WORK; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        seed = x;
        return x;
    }

    @Benchmark
    public long divide() {
        if (FAIL) {
            throw new IllegalStateException("sample failure on purpose");
        }
        long x = seed | 1;
        long acc = 0;
        for (int i = 1; i <= DIVIDE_WORK; i++) {
            acc += (x + i) / i;
        }
        return acc;
    }
}
