package org.perfregression.jmh.fork;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.SortedSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a JMH suite one fork at a time, so that a caller can order forks as it likes (interleaved
 * passes, two builds side by side): what JMH's own runner cannot, since it runs all forks of a
 * benchmark back to back. Compiled against JMH's API only; at run time it uses the JMH of the jar
 * under test.
 */
public final class JmhForks {

    private JmhForks() {
    }

    /**
     * Every combination {@code options} selects from the benchmark list on the class path: each
     * matching benchmark with the cartesian product of its parameter values (the user's {@code -p},
     * else the benchmark's own), in JMH's order.
     */
    public static List<JmhCombination> combinations(Options options) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(
                new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        SortedSet<BenchmarkListEntry> entries = BenchmarkList.defaultList()
                .find(silent, options.getIncludes(), options.getExcludes());
        List<JmhCombination> all = new ArrayList<>();
        for (BenchmarkListEntry entry : entries) {
            List<Map<String, String>> product = List.of(Map.of());
            for (Map.Entry<String, String[]> param : entry.getParams().orElse(Map.of()).entrySet()) {
                var chosen = options.getParameter(param.getKey());
                List<String> values = chosen.hasValue() ? List.copyOf(chosen.get()) : List.of(param.getValue());
                List<Map<String, String>> extended = new ArrayList<>();
                for (Map<String, String> combination : product) {
                    for (String value : values) {
                        Map<String, String> next = new LinkedHashMap<>(combination);
                        next.put(param.getKey(), value);
                        extended.add(next);
                    }
                }
                product = extended;
            }
            List<String> modes = options.getBenchModes().isEmpty() ? List.of(entry.getMode().shortLabel())
                    : options.getBenchModes().stream().map(m -> m.shortLabel()).toList();
            for (String mode : modes) {
                for (Map<String, String> values : product) {
                    all.add(new JmhCombination(entry.getUsername(), mode, values));
                }
            }
        }
        return all;
    }

    /**
     * The benchmarks among those {@code options} select whose {@code @Fork} sets {@code jvmArgs}. JMH
     * gives the forks of every other benchmark its own JVM's arguments (when {@code -jvmArgs} is not
     * given): a host that runs JMH with arguments of its own must tell the forks apart.
     */
    public static Set<String> withOwnJvmArgs(Options options) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(
                new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        Set<String> own = new HashSet<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(silent, options.getIncludes(),
                options.getExcludes())) {
            if (entry.getJvmArgs().hasValue()) {
                own.add(entry.getUsername());
            }
        }
        return own;
    }

    /**
     * Each benchmark's own {@code @Fork(jvmArgsAppend)} among those {@code options} select (absent:
     * none). JMH drops them as soon as a run sets {@code jvmArgsAppend} itself, as a harness that
     * adds arguments to every fork must: it keeps them by adding them back.
     */
    public static Map<String, List<String>> ownJvmArgsAppend(Options options) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(
                new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        Map<String, List<String>> own = new LinkedHashMap<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(silent, options.getIncludes(),
                options.getExcludes())) {
            if (entry.getJvmArgsAppend().hasValue()) {
                own.put(entry.getUsername(), List.copyOf(entry.getJvmArgsAppend().get()));
            }
        }
        return own;
    }

    /**
     * The options of one fork of {@code c}: only this benchmark (JMH adds includes up, so the rest is
     * excluded), this mode, these values, one fork. Callers add JVM arguments and profilers.
     */
    public static ChainedOptionsBuilder oneFork(Options base, JmhCombination c) {
        String exact = Pattern.quote(c.benchmark());
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(base)
                .include("^" + exact + "$")
                .exclude("^(?!" + exact + "$)")
                .forks(1)
                .mode(Mode.deepValueOf(c.mode()));
        c.params().forEach((name, value) -> builder.param(name, value));
        return builder;
    }

    /** The deepest message of a JMH failure: forked failures arrive as suppressed exceptions. */
    public static String rootMessage(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause()
                : t.getSuppressed().length > 0 ? t.getSuppressed()[0] : null) {
            deepest = t;
        }
        String message = deepest.getMessage();
        return deepest.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
