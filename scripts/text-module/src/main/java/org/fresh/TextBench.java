package org.fresh;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/** Three kinds of work: pure computation, hash lookups of string keys, string building. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TextBench {

    @Param({"32", "256", "2048"})
    int n;

    byte[] bytes;
    String[] keys;
    Map<String, Integer> index;

    @Setup
    public void setup() {
        bytes = new byte[n];
        keys = new String[n];
        index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 31);
            keys[i] = "key-" + i;
            index.put(keys[i], i);
        }
    }

    @Benchmark
    public int checksum() {
        int h = 1;
        for (byte b : bytes) {
            h = 31 * h + b;
        }
        return h;
    }

    @Benchmark
    public int find() {
        int sum = 0;
        for (int i = 0; i < n; i += 8) {
            sum += index.get(keys[i]);
        }
        return sum;
    }

    @Benchmark
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i += 16) {
            sb.append(keys[i]).append(',');
        }
        return sb.toString();
    }
}
