package org.perfregression.analysis;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.perfregression.input.Dataset;

/**
 * Measures more forks of the first measurement where the first test is in doubt: the step between
 * a suite comparison's planned forks and its first test's final look, which only a front end that can
 * run the benchmarks (and knows its time budget) provides.
 */
@FunctionalInterface
public interface MoreForks {

    /**
     * Runs one more fork of as many of {@code inDoubt} as the budget allows, in that order (the most
     * doubtful first), interleaved, and returns, per benchmark, the current side with them added as
     * first-measurement forks of its layout; an empty map when the budget allows none.
     */
    Map<String, Dataset> more(List<SuiteKey> inDoubt) throws IOException;
}
