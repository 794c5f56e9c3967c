package org.perfregression.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perfregression.jmh.fork.ThreadAllocationProfiler;

/**
 * What the harness's allocation profiler counts, against JMH's GC profiler, in real forks of a page
 * walk that allocates nothing itself and takes tens of microseconds per operation: JMH's figure
 * carries JMH's own per-iteration bytes spread over few operations, the benchmark threads' does not,
 * and one 16-byte object more per operation shows in it as 16 bytes.
 */
class ThreadAllocationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private JsonNode measure(String name, String... jvmArgs) throws Exception {
        String[] args = {"AccessorBenchmarks.manual_pages_iteration$", "-p", "rank=5", "-f", "1", "-wi", "5", "-i", "15",
            "-prof", "gc", "-prof", ThreadAllocationProfiler.class.getName(), "-rf", "json", "-rff", name + ".json"};
        if (jvmArgs.length > 0) {
            args = Arrays.copyOf(args, args.length + 2);
            args[args.length - 2] = "-jvmArgsAppend";
            args[args.length - 1] = String.join(" ", jvmArgs);
        }
        Jar run = Jar.jmh(work, args);
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode metrics = JSON.readTree(work.resolve(name + ".json").toFile()).get(0).get("secondaryMetrics");
        return metrics;
    }

    private static double median(JsonNode metrics, String metric) {
        JsonNode m = metrics.has(metric) ? metrics.get(metric) : metrics.get("\u00b7" + metric);
        assertTrue(m != null, "no " + metric + " in " + metrics.fieldNames().next());
        double[] values = new double[m.get("rawData").get(0).size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = m.get("rawData").get(0).get(i).asDouble();
        }
        Arrays.sort(values);
        return values[values.length / 2];
    }

    @Test
    void countsTheBenchmarksBytesNotJmhsAndSeesSixteenMore() throws Exception {
        JsonNode plain = measure("plain");
        double threads = median(plain, ThreadAllocationProfiler.METRIC);
        double jvm = median(plain, "gc.alloc.rate.norm");
        // Measured: about 7 B/op against 75-125 B/op (0.5 KB against 5-9 KB per 3 ms iteration of ~70 operations).
        assertTrue(threads < 16, "the page walk allocates nothing: only JMH's worker-side share, " + threads + " B/op");
        assertTrue(jvm > threads + 30, "JMH's figure carries its own thread's bytes: " + jvm + " against " + threads);

        JsonNode more = measure("more", "-Daccessor.alloc.extra=16", "-Daccessor.slowdown.only=manual_pages_iteration");
        double extra = median(more, ThreadAllocationProfiler.METRIC) - threads;
        assertTrue(extra > 16 - 4 && extra < 16 + 8, "one 16-byte object per operation reads as 16 B/op more, got "
                + extra);
    }
}
