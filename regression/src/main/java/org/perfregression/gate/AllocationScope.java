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

    /**
     * Whether the same code gives the same figure fork after fork, so that one fork's figure is a
     * mode of its own: the benchmark threads' (within 0.6 B/op in every fork of one mode, measured),
     * not the whole JVM's, which grows with the time per operation (1.8 B/op per us on this machine).
     */
    public boolean exact() {
        return this == BENCHMARK_THREADS;
    }
}
