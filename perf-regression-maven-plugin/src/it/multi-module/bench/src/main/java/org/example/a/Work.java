package org.example.a;

import java.util.concurrent.TimeUnit;
import org.example.core.Mixer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One simple name, two packages: this one's {@code run} measures throughput. */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Work {

    private static final int ROUNDS = Integer.getInteger("multi.rounds", 2000);

    private long seed = 7;

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public long run() {
        seed = Mixer.mix(seed, ROUNDS);
        return seed;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public long step() {
        seed = Mixer.mix(seed, ROUNDS / 2);
        return seed;
    }
}
