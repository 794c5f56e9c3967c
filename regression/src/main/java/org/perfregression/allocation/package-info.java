/**
 * Allocation gated exactly: bytes allocated per operation (the benchmark threads' where the harness
 * measured, else JMH's {@code gc.alloc.rate.norm}; one figure per fork) compared per subsection as a metric of its own, beside the time. Owns the rule
 * ({@link org.perfregression.allocation.AllocationCheck}); the forks' figures come from
 * {@link org.perfregression.gate.ForkLayout}, the reports are the gate's.
 */
package org.perfregression.allocation;
