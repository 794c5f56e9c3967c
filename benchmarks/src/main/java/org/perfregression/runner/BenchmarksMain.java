package org.perfregression.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.perfregression.cli.MainJobCommand;
import org.perfregression.harness.Suite;
import org.perfregression.jmh.JmhMapping;
import org.perfregression.suite.AccessorBenchmarks;
import org.perfregression.suite.SuiteSettings;

/**
 * {@code java -jar benchmarks.jar}: the accessor suite's main job. The harness (interleaved passes,
 * calibration, confirmation, machine and busy checks, ground truth) is the library's; this class
 * only says what the suite is.
 */
public final class BenchmarksMain {

    /**
     * The accessor suite: section {@code rank_<r>}, subsection the configuration name, one file per
     * benchmark method; baselines in {@code gt/accessor_benchmarks/<platform>/}; the budget of
     * {@link SuiteSettings} (the forks' serial GC and fixed heap come from the benchmarks' own
     * {@code @Fork(jvmArgsAppend)}); a quick run measures ranks 2 and 5.
     */
    public static final Suite ACCESSOR = new Suite("java -jar benchmarks.jar",
            "java -jar benchmarks/target/benchmarks.jar --regenerate-gt",
            new JmhMapping("rank", "rank_{rank}", "config", false), AccessorBenchmarks.class.getName(), "avgt",
            Path.of("gt/accessor_benchmarks"), SuiteSettings.FORKS, SuiteSettings.BASELINE_FORKS,
            SuiteSettings.MEASUREMENT_ITERATIONS, List.of(), Map.of(), Map.of("rank", List.of("2", "5")));

    private BenchmarksMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(MainJobCommand.run(ACCESSOR, args));
    }
}
