package org.perfregression.cli;

import org.perfregression.input.DatasetLoader;
import org.perfregression.jmh.JmhMapping;
import picocli.CommandLine.Option;

/** How JMH result files become PerformanceData: shared by {@code compare} and {@code convert}. */
public final class InputOptions {

    @Option(names = "--section-param", paramLabel = "NAME",
            description = "JMH input: the @Param whose value makes the section (default: the benchmark, Class.method).")
    String sectionParam;

    @Option(names = "--section-format", paramLabel = "PATTERN",
            description = "JMH input: the section name, {param} standing for a parameter's value, e.g. rank_{rank} "
                    + "(default: {NAME} of --section-param).")
    String sectionFormat;

    @Option(names = "--subsection-param", paramLabel = "NAME",
            description = "JMH input: the @Param whose value alone makes the subsection "
                    + "(default: all parameters as k=v,k2=v2, or 'default').")
    String subsectionParam;

    @Option(names = "--include-mode", description = "JMH input: append the mode to the section (Class.method:avgt), "
            + "for files that run a benchmark in several modes.")
    boolean includeMode;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "JMH input: keep only results of this mode (thrpt, avgt, sample, ss).")
    String mode;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "JMH input: gate on this secondary metric instead of the score, e.g. gc.alloc.rate.norm.")
    String metric;

    DatasetLoader loader() {
        if (sectionFormat != null && sectionParam == null) {
            throw new IllegalArgumentException("--section-format needs --section-param");
        }
        return DatasetLoader.withDefaults()
                .with(new JmhMapping(sectionParam, sectionFormat, subsectionParam, includeMode))
                .withMode(mode)
                .withMetric(metric);
    }
}
