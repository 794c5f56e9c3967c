package org.trial;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Three kinds of work a user benchmarks: pure computation, a hash-map lookup, and string building
 * that allocates. {@code -Dtrial.slow.pct=P -Dtrial.slow.only=METHOD} makes that method do P % more
 * of its work (more loop rounds, through the JIT): a real slowdown of one code path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrialBench {

    private static final double SLOW = Double.parseDouble(System.getProperty("trial.slow.pct", "0")) / 100;
    private static final String SLOW_ONLY = System.getProperty("trial.slow.only", "");

    @Param({"16", "64", "256", "1024"})
    public int size;

    private int computeRounds;
    private int lookupRounds;
    private int buildRounds;
    private Map<Integer, Integer> map;
    private int[] keys;
    private long seed = 0x9E3779B97F4A7C15L;

    @Setup
    public void setUp() {
        computeRounds = rounds("compute", size);
        lookupRounds = rounds("lookup", 64);
        buildRounds = rounds("build", Math.max(4, size / 8));
        map = new HashMap<>();
        keys = new int[1024];
        for (int i = 0; i < size; i++) {
            map.put(i * 7919, i);
        }
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (i * 31 % size) * 7919;
        }
    }

    private static int rounds(String method, int base) {
        return SLOW_ONLY.equals(method) ? (int) Math.round(base * (1 + SLOW)) : base;
    }

    @Benchmark
    public long compute() {
        long x = seed;
        for (int i = 0; i < computeRounds; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            x += (long) Math.sqrt(x & 0xFFFF);
        }
        seed = x;
        return x;
    }

    @Benchmark
    public int lookup() {
        int sum = 0;
        int at = (int) (seed & 1023);
        for (int i = 0; i < lookupRounds; i++) {
            Integer v = map.get(keys[(at + i) & 1023]);
            sum += v == null ? 0 : v;
        }
        seed++;
        return sum;
    }

    @Benchmark
    public String build() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < buildRounds; i++) {
            text.append(i * 37).append(',');
        }
        return text.toString();
    }
}
