/**
 * Running a JMH suite one fork at a time ({@code JmhForks}), so that callers order forks as they
 * like, the per-side host that does so inside another build's JVM ({@code ForkHost}), and the
 * profiler that counts the bytes the benchmark's threads allocate ({@code ThreadAllocationProfiler}). Depends
 * on JMH's API only: its classes are copied onto the class path of a jar under test.
 */
package org.perfregression.jmh.fork;
