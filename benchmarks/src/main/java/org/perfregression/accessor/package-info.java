/**
 * The simulated sharded tensor accessor of the seed's example: argument configurations, tensor
 * layouts per rank, the constructor, {@code get_noc_addr} and page iteration, checked against a
 * brute-force oracle in the tests.
 */
package org.perfregression.accessor;
