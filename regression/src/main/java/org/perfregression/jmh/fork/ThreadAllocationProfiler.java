package org.perfregression.jmh.fork;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Bytes allocated per operation by the benchmark's own threads (JMH's {@code -jmh-worker-} threads)
 * in each iteration: what allocation is gated on.
 *
 * <p>Why not JMH's {@code gc.alloc.rate.norm}: JMH 1.37 counts every thread of the fork, so its
 * figure carries what JMH's own thread allocates per iteration (results, the link to the host,
 * other profilers: 5-9 KB here) divided by the iteration's operations. For a 43 µs operation in a
 * 3 ms iteration that is 124 B/op of 124 (measured on {@code manual_pages_iteration} rank 5, which
 * allocates nothing itself), and it grows with the operation's time: a slower fork reads as one that
 * allocates more, and a slowdown as an allocation regression. The worker threads allocate about
 * 0.5 KB per iteration of their own (JMH's result objects, made after the timed loop), 7.4 B/op for
 * that operation: about seventeen times less.
 *
 * <p>Reads HotSpot's per-thread allocation counters ({@code com.sun.management.ThreadMXBean}),
 * which are exact to the byte and cost nothing inside the measured window. Reports nothing where
 * the JVM has no such counters or the benchmark runs on virtual threads (whose counters HotSpot
 * does not keep): the fork then has no allocation figure, which the gate treats as not measured.
 */
public final class ThreadAllocationProfiler implements InternalProfiler {

    /**
     * This class's name, for JMH's {@code -prof}, as a constant: the command line has no JMH on its
     * class path, and loading this class there would need it.
     */
    public static final String NAME = "org.perfregression.jmh.fork.ThreadAllocationProfiler";

    /** The secondary metric's name in JMH's results, unit B/op (a constant, for the same reason). */
    public static final String METRIC = "thread.alloc.norm";

    private static final String WORKER = "-jmh-worker-";

    private final com.sun.management.ThreadMXBean threads = counters();
    private Map<Long, Long> before = Map.of();

    @Override
    public String getDescription() {
        return "bytes allocated per operation by the benchmark's threads only (not JMH's own)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = threads == null ? Map.of() : allocatedByWorkers();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        if (threads == null) {
            return List.of();
        }
        Map<Long, Long> after = allocatedByWorkers();
        long ops = result.getMetadata().getAllOps();
        if (after.isEmpty() || ops <= 0) {
            return List.of();
        }
        long bytes = 0;
        for (Map.Entry<Long, Long> worker : after.entrySet()) {
            // A worker started within the iteration allocated all its bytes in it.
            bytes += worker.getValue() - before.getOrDefault(worker.getKey(), 0L);
        }
        return List.of(new ScalarResult(METRIC, (double) bytes / ops, "B/op", AggregationPolicy.AVG));
    }

    /** Each live worker thread's bytes allocated so far, by thread id. */
    private Map<Long, Long> allocatedByWorkers() {
        Map<Long, Long> allocated = new HashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && infos[i].getThreadName().contains(WORKER)) {
                long bytes = threads.getThreadAllocatedBytes(ids[i]);
                if (bytes >= 0) {
                    allocated.put(ids[i], bytes);
                }
            }
        }
        return allocated;
    }

    private static com.sun.management.ThreadMXBean counters() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                    && bean.isThreadAllocatedMemorySupported()) {
                bean.setThreadAllocatedMemoryEnabled(true);
                return bean;
            }
        } catch (UnsupportedOperationException | SecurityException e) {
            // No counters on this JVM: the fork reports no allocation figure.
        }
        return null;
    }
}
