package org.perfregression.harness;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.perfregression.jmh.JmhMapping;

/**
 * What the harness needs to know about a suite of JMH benchmarks: how its results become
 * PerformanceData, which benchmarks it runs by default, where its baselines live, and its
 * measurement budget. A suite's own main class defines one and hands it to the main job.
 *
 * @param command how users start the main job, e.g. {@code java -jar benchmarks.jar} (help, provenance)
 * @param regenerate the command that makes baselines for this machine, for the message when there are none
 * @param mapping how JMH results map to sections and subsections; one PerformanceData file per benchmark method
 * @param defaultInclude the JMH regular expression of the suite's benchmarks, used when none is given
 * @param mode the JMH mode the suite's benchmarks measure in ({@code @BenchmarkMode}), e.g. {@code avgt};
 *     null when it is not known before the run
 * @param defaultGtDir the ground truth, relative to the working directory: baselines per platform below it
 * @param forks forks (interleaved passes) per combination of a comparison run
 * @param baselineForks forks per combination of a regeneration
 * @param measurementIterations samples per fork by the suite's default settings (for messages)
 * @param forkJvmArgs JVM arguments of every fork, before the user's {@code -jvmArgsAppend}
 * @param params parameter values the suite is made of (its {@code @Param} values otherwise), unless {@code -p} says otherwise
 * @param quickParams parameter values a {@code --quick} smoke run restricts the suite to, unless {@code -p} says otherwise
 * @param budgetSeconds what a comparison run's first measurement may take: forks per combination rise
 *     from {@code forks} up to {@code maxForks} while they fit (a module of two benchmarks can afford
 *     many more forks than one of a hundred); a regeneration may take
 *     {@link SuiteRun#REGENERATION_BUDGET_FACTOR} times as long; 0 for always {@code forks}
 * @param maxForks the most forks per combination the budget buys
 * @param defaultExclude the JMH regular expression of benchmarks left out of the suite, unless the
 *     user's {@code -e} says otherwise; null for none
 */
public record Suite(String command, String regenerate, JmhMapping mapping, String defaultInclude, String mode,
        Path defaultGtDir, int forks, int baselineForks, int measurementIterations, List<String> forkJvmArgs,
        Map<String, List<String>> params, Map<String, List<String>> quickParams, double budgetSeconds, int maxForks,
        String defaultExclude) {

    /** A suite of every benchmark {@code defaultInclude} finds. */
    public Suite(String command, String regenerate, JmhMapping mapping, String defaultInclude, String mode,
            Path defaultGtDir, int forks, int baselineForks, int measurementIterations, List<String> forkJvmArgs,
            Map<String, List<String>> params, Map<String, List<String>> quickParams, double budgetSeconds, int maxForks) {
        this(command, regenerate, mapping, defaultInclude, mode, defaultGtDir, forks, baselineForks,
                measurementIterations, forkJvmArgs, params, quickParams, budgetSeconds, maxForks, null);
    }

    /** A suite whose comparison runs always measure {@code forks} forks per combination. */
    public Suite(String command, String regenerate, JmhMapping mapping, String defaultInclude, String mode,
            Path defaultGtDir, int forks, int baselineForks, int measurementIterations, List<String> forkJvmArgs,
            Map<String, List<String>> params, Map<String, List<String>> quickParams) {
        this(command, regenerate, mapping, defaultInclude, mode, defaultGtDir, forks, baselineForks,
                measurementIterations, forkJvmArgs, params, quickParams, 0, forks);
    }

    public Suite {
        forkJvmArgs = List.copyOf(forkJvmArgs);
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        quickParams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quickParams));
        if (forks < 1 || baselineForks < 2) {
            throw new IllegalArgumentException("a suite needs at least 1 fork per comparison and 2 per baseline");
        }
        if (!(budgetSeconds >= 0) || maxForks < forks) {
            throw new IllegalArgumentException("a suite's budget must be >= 0 s and its most forks at least its forks");
        }
    }

    /**
     * {@code builder} restricted to this suite's benchmarks and parameter values (with
     * {@code quick}, a smoke run's), wherever the {@code user}'s options do not say otherwise.
     */
    public ChainedOptionsBuilder restrict(ChainedOptionsBuilder builder, Options user, boolean quick) {
        if (user.getIncludes().isEmpty()) {
            builder.include(defaultInclude);
        }
        if (user.getExcludes().isEmpty() && defaultExclude != null && !defaultExclude.isBlank()) {
            builder.exclude(defaultExclude);
        }
        Map<String, List<String>> values = new LinkedHashMap<>(params);
        if (quick) {
            values.putAll(quickParams);
        }
        values.forEach((name, chosen) -> {
            if (!user.getParameter(name).hasValue()) {
                builder.param(name, chosen.toArray(new String[0]));
            }
        });
        return builder;
    }
}
