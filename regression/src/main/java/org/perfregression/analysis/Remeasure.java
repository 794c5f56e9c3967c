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
     * Runs fresh forks of {@code flagged} and of {@code witnesses}, interleaved, and returns, per
     * benchmark, the current side with them added as confirmation forks of its layout (benchmarks
     * without fresh forks may be left out). Witnesses are unflagged subsections measured beside the
     * flagged ones so that the machine's phase at that time can be read from them
     * ({@link org.perfregression.gate.MachinePhase#ofConfirmation}).
     */
    Map<String, Dataset> fresh(List<SuiteKey> flagged, List<SuiteKey> witnesses) throws IOException;
}
