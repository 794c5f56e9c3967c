package org.perfregression.runner;

import org.perfregression.jmh.JmhMapping;
import org.perfregression.suite.AccessorBenchmarks;

/** How the accessor suite's JMH results map to PerformanceData: one general mapping, configured. */
final class SuiteLayout {

    /** Section {@code rank_<r>}, subsection the configuration name, one file per benchmark method. */
    static final JmhMapping MAPPING = new JmhMapping("rank", "rank_{rank}", "config", false);

    /** The benchmarks the suite runs when no regular expression is given. */
    static final String DEFAULT_INCLUDE = AccessorBenchmarks.class.getName();

    /** Baselines live in {@code <gt>/<platform>/<benchmark>.json}. */
    static final String DEFAULT_GT_DIR = "gt/accessor_benchmarks";

    private SuiteLayout() {
    }
}
