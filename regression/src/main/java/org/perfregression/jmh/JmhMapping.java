package org.perfregression.jmh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;

/**
 * How JMH results become {@link PerformanceData} sections and subsections.
 *
 * <p>By default the section is the benchmark ({@code Class.method}) and the subsection its parameters
 * as {@code k=v,k2=v2} in JMH's order ({@code default} without parameters). A section parameter
 * replaces the benchmark as the section, formatted by a pattern in which {@code {name}} stands for a
 * parameter's value (the accessor suite uses {@code rank_{rank}}); a subsection parameter names the
 * subsection by that parameter's value alone. With {@code includeMode} the mode is appended to the
 * section ({@code Class.method:avgt}), for files that mix modes.
 *
 * @param sectionParam the parameter whose value makes the section, or null for the benchmark
 * @param sectionFormat the section pattern when {@code sectionParam} is set, e.g. {@code rank_{rank}}
 * @param subsectionParam the parameter whose value alone makes the subsection, or null for all of them
 * <p>Two benchmark classes of one simple name in different packages would file their results under
 * one section: {@link #withQualifiedWhereNeeded} names those benchmarks' sections by their fully
 * qualified names ({@code com.a.Foo.run}) in every mode, every other keeps {@code Foo.run}.
 *
 * @param includeMode whether the mode is part of the section
 * @param qualified the benchmarks ({@code pkg.Class.method}) whose section is their fully qualified name
 */
public record JmhMapping(String sectionParam, String sectionFormat, String subsectionParam, boolean includeMode,
        java.util.Set<String> qualified) {

    public JmhMapping {
        qualified = qualified == null ? java.util.Set.of() : java.util.Set.copyOf(qualified);
    }

    /** A mapping that qualifies no section. */
    public JmhMapping(String sectionParam, String sectionFormat, String subsectionParam, boolean includeMode) {
        this(sectionParam, sectionFormat, subsectionParam, includeMode, java.util.Set.of());
    }

    /**
     * This mapping for a suite of {@code benchmarks} ({@code pkg.Class.method}): the sections of those
     * whose {@code Class.method} another benchmark of the suite shares are named by their fully
     * qualified name.
     */
    public JmhMapping withQualifiedWhereNeeded(java.util.Collection<String> benchmarks) {
        Map<String, java.util.Set<String>> byShortName = new HashMap<>();
        for (String benchmark : benchmarks) {
            byShortName.computeIfAbsent(BenchmarkName.shortName(benchmark), k -> new java.util.TreeSet<>()).add(benchmark);
        }
        java.util.Set<String> clashing = new java.util.TreeSet<>();
        byShortName.values().stream().filter(names -> names.size() > 1).forEach(clashing::addAll);
        return new JmhMapping(sectionParam, sectionFormat, subsectionParam, includeMode, clashing);
    }

    /** Section = {@code Class.method}, subsection = {@code k=v,...}. */
    public static JmhMapping byBenchmark() {
        return new JmhMapping(null, null, null, false);
    }

    /** The primary metric's samples of {@code results}, as PerformanceData. */
    public PerformanceData toData(List<JmhResult> results) {
        return toData(results, JmhResult::flatSamples);
    }

    /**
     * One secondary metric's samples, e.g. {@code gc.alloc.rate.norm}.
     *
     * @throws InvalidInputException if a result lacks the metric or has no samples of it
     */
    public PerformanceData toSecondaryData(List<JmhResult> results, String metric) {
        return toData(results, r -> {
            List<double[]> forks = r.secondary().get(metric);
            double[] samples = forks == null ? new double[0] : JmhResult.flatten(forks);
            if (samples.length == 0) {
                throw new InvalidInputException(r.describe() + ": no samples of secondary metric '" + metric
                        + "' (available: " + String.join(", ", r.secondary().keySet()) + ")");
            }
            return samples;
        });
    }

    private PerformanceData toData(List<JmhResult> results, Function<JmhResult, double[]> samples) {
        PerformanceData.Builder builder = PerformanceData.builder();
        Map<SubsectionKey, JmhResult> seen = new HashMap<>();
        for (JmhResult r : results) {
            SubsectionKey key = key(r);
            JmhResult previous = seen.put(key, r);
            if (previous != null) {
                throw new InvalidInputException(previous.describe() + " and " + r.describe() + " both map to " + key
                        + (previous.mode().equals(r.mode()) ? "" : ": the file mixes modes, include the mode in the section"));
            }
            builder.add(key.section(), key.subsection(), samples.apply(r));
        }
        return builder.build();
    }

    /** Where {@code result} goes. */
    public SubsectionKey key(JmhResult result) {
        return key(result.benchmark(), result.mode(), result.params());
    }

    /**
     * Where a result of {@code benchmark} ({@code pkg.Class.method}, or {@code Class.method}) in
     * {@code mode} with {@code params} goes: also usable before a run, to know which keys it must produce.
     */
    public SubsectionKey key(String benchmark, String mode, Map<String, String> params) {
        String shortName = BenchmarkName.shortName(benchmark);
        String described = JmhResult.describe(shortName, params, mode);
        String section;
        if (sectionParam == null) {
            section = qualified.contains(benchmark) ? benchmark : shortName;
        } else {
            requireParam(params, sectionParam, described);
            section = format(sectionFormat == null ? "{" + sectionParam + "}" : sectionFormat, params, described);
        }
        if (includeMode) {
            section = section + ":" + mode;
        }
        String subsection;
        if (subsectionParam != null) {
            requireParam(params, subsectionParam, described);
            subsection = params.get(subsectionParam);
        } else {
            // By name, as JMH orders a result's parameters: a plan made from the benchmark list (in
            // declaration order) must name its subsections as the results will.
            List<String> pairs = new ArrayList<>();
            new java.util.TreeMap<>(params).forEach((k, v) -> {
                if (!k.equals(sectionParam)) {
                    pairs.add(k + "=" + v);
                }
            });
            subsection = pairs.isEmpty() ? "default" : String.join(",", pairs);
        }
        return new SubsectionKey(section, subsection);
    }

    /** Splits results by data set ({@link BenchmarkName#dataset}: method name and mode), keeping their order. */
    public static Map<String, List<JmhResult>> byDataset(List<JmhResult> results) {
        Map<String, List<JmhResult>> groups = new LinkedHashMap<>();
        for (JmhResult r : results) {
            groups.computeIfAbsent(BenchmarkName.dataset(r.benchmark(), r.mode()), m -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static String format(String pattern, Map<String, String> params, String described) {
        String text = pattern;
        for (Map.Entry<String, String> param : params.entrySet()) {
            text = text.replace("{" + param.getKey() + "}", param.getValue());
        }
        if (text.matches(".*\\{[^}]+}.*")) {
            throw new InvalidInputException(described + ": the section format '" + pattern
                    + "' names a parameter the benchmark does not have");
        }
        return text;
    }

    private static void requireParam(Map<String, String> params, String param, String described) {
        if (!params.containsKey(param)) {
            throw new InvalidInputException(described + ": no parameter '" + param + "' (it has: "
                    + (params.isEmpty() ? "none" : String.join(", ", params.keySet())) + ")");
        }
    }
}
