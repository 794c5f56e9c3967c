package org.perfregression.analysis;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.perfregression.input.Dataset;

/**
 * Measures flagged subsections again, in fresh forks: the step between a suite comparison's first
 * test and its verdicts, which only a front end that can run the benchmarks provides.
 */
@FunctionalInterface
public interface Remeasure {

    /**
     * Runs fresh forks of {@code flagged} and returns, per benchmark, the current side with them added
     * as confirmation forks of its layout (benchmarks without fresh forks may be left out).
     */
    Map<String, Dataset> fresh(List<SuiteKey> flagged) throws IOException;
}
