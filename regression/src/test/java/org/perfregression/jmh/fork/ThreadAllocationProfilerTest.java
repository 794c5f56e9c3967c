package org.perfregression.jmh.fork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the profiler counts is measured in real forks by the benchmarks module's {@code ThreadAllocationIT}. */
class ThreadAllocationProfilerTest {

    @Test
    void itsNameConstantIsItsClassName() {
        assertEquals(ThreadAllocationProfiler.class.getName(), ThreadAllocationProfiler.NAME,
                "JMH's -prof finds it by this name");
    }
}
