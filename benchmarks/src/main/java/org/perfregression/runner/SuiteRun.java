package org.perfregression.runner;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.perfregression.data.InvalidInputException;

/**
 * Runs the suite on JMH: the user's JMH options over the suite's defaults, fail-on-error always on,
 * JSON results and the full log in the results folder, one progress line per combination on the
 * terminal.
 */
final class SuiteRun {

    /** Quick mode: one fork, ranks 2 and 5, short iterations; a smoke test, not a measurement. */
    static final String[] QUICK_RANKS = {"2", "5"};

    private final CommandLineOptions jmh;
    private final boolean quick;
    private final ResultsFolder folder;

    SuiteRun(CommandLineOptions jmh, boolean quick, ResultsFolder folder) {
        this.jmh = jmh;
        this.quick = quick;
        this.folder = folder;
    }

    /** The JMH options of this run. */
    private Options options() {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(jmh)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(folder.jmhResult().toString());
        if (jmh.getIncludes().isEmpty()) {
            builder.include(SuiteLayout.DEFAULT_INCLUDE);
        }
        if (quick) {
            if (!jmh.getForkCount().hasValue()) {
                builder.forks(1);
            }
            if (!jmh.getWarmupIterations().hasValue()) {
                builder.warmupIterations(5);
            }
            if (!jmh.getWarmupTime().hasValue()) {
                builder.warmupTime(TimeValue.milliseconds(30));
            }
            if (!jmh.getMeasurementIterations().hasValue()) {
                builder.measurementIterations(20);
            }
            if (!jmh.getMeasurementTime().hasValue()) {
                builder.measurementTime(TimeValue.milliseconds(3));
            }
            if (!jmh.getParameter("rank").hasValue()) {
                builder.param("rank", QUICK_RANKS);
            }
        }
        return builder.build();
    }

    /**
     * Every (benchmark, rank, configuration) this run must produce: the matching benchmarks of the
     * jar, each with the cartesian product of its parameter values (the user's, else the defaults),
     * placed by the same mapping that files the results.
     */
    static List<SuiteKey> expectedKeys(Options options) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(
                new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        SortedSet<BenchmarkListEntry> entries = BenchmarkList.defaultList()
                .find(silent, options.getIncludes(), options.getExcludes());
        List<SuiteKey> keys = new ArrayList<>();
        for (BenchmarkListEntry entry : entries) {
            String name = entry.getUsername();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            List<Map<String, String>> combinations = List.of(Map.of());
            for (Map.Entry<String, String[]> param : entry.getParams().orElse(Map.of()).entrySet()) {
                var chosen = options.getParameter(param.getKey());
                List<String> values = chosen.hasValue() ? List.copyOf(chosen.get()) : List.of(param.getValue());
                List<Map<String, String>> extended = new ArrayList<>();
                for (Map<String, String> combination : combinations) {
                    for (String value : values) {
                        Map<String, String> next = new LinkedHashMap<>(combination);
                        next.put(param.getKey(), value);
                        extended.add(next);
                    }
                }
                combinations = extended;
            }
            for (Map<String, String> params : combinations) {
                keys.add(new SuiteKey(method,
                        SuiteLayout.MAPPING.key(shortName, entry.getMode().shortLabel(), params)));
            }
        }
        return keys;
    }

    /**
     * Runs JMH.
     *
     * @return the combinations it was asked for, each of which must have a result
     * @throws BenchmarkFailure naming the benchmark that failed
     */
    List<SuiteKey> run(PrintStream terminal) throws IOException {
        Options options = options();
        List<SuiteKey> expected = expectedKeys(options);
        int total = expected.size();
        if (total == 0) {
            throw new BenchmarkFailure("no benchmark matches " + options.getIncludes()
                    + " (java -jar benchmarks.jar -l lists them)");
        }
        terminal.println("Running " + total + " benchmark combinations; JMH's log: " + folder.jmhLog());
        try (PrintStream logStream = new PrintStream(new FileOutputStream(folder.jmhLog().toFile()), true,
                StandardCharsets.UTF_8)) {
            OutputFormat log = OutputFormatFactory.createFormatInstance(logStream,
                    options.verbosity().orElse(VerboseMode.NORMAL));
            Progress progress = new Progress(log, terminal, total);
            try {
                new Runner(options, progress).run();
                return expected;
            } catch (RunnerException e) {
                String running = progress.current();
                throw new BenchmarkFailure((running == null ? "the benchmark run" : "benchmark " + running)
                        + " failed: " + rootMessage(e) + " (details in " + folder.jmhLog() + ")");
            }
        }
    }

    /** The deepest message of a JMH failure: forked failures arrive as suppressed exceptions. */
    static String rootMessage(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause()
                : t.getSuppressed().length > 0 ? t.getSuppressed()[0] : null) {
            deepest = t;
        }
        String message = deepest.getMessage();
        return deepest.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /** A benchmark threw, or nothing matched: the run is unusable (exit code 2). */
    static final class BenchmarkFailure extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        BenchmarkFailure(String message) {
            super(message);
        }
    }
}
