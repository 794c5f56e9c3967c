package org.perfregression.gate;

/**
 * Whose bytes a fork's allocation figure counts. Figures of different scopes are never compared:
 * the whole JVM's figure carries JMH's own per-iteration allocation, which the benchmark threads'
 * does not, so the difference would read as an allocation change.
 */
public enum AllocationScope {

    /** JMH's {@code gc.alloc.rate.norm}: every thread of the fork, JMH's own included. */
    WHOLE_JVM("gc.alloc.rate.norm", "the whole JVM (JMH's gc.alloc.rate.norm)"),

    /** {@link org.perfregression.jmh.fork.ThreadAllocationProfiler}: the benchmark's threads only. */
    BENCHMARK_THREADS(org.perfregression.jmh.fork.ThreadAllocationProfiler.METRIC, "the benchmark's threads only");

    private final String metric;
    private final String description;

    AllocationScope(String metric, String description) {
        this.metric = metric;
        this.description = description;
    }

    /** The JMH secondary metric that carries figures of this scope, bytes per operation per iteration. */
    public String metric() {
        return metric;
    }

    /** What it counts, for messages. */
    public String description() {
        return description;
    }
}
