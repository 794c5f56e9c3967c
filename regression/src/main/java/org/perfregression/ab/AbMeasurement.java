package org.perfregression.ab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.perfregression.data.AtomicFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.input.Dataset;
import org.perfregression.input.Sidecar;
import org.perfregression.jmh.BenchmarkName;
import org.perfregression.jmh.JmhMapping;
import org.perfregression.jmh.JmhResult;
import org.perfregression.jmh.fork.JmhCombination;
import org.perfregression.platform.Platform;

/**
 * Both sides' forks of an A/B run as they arrive, and at the end as PerformanceData with the fork
 * layout (which fork each sample came from, its pass and start), so that {@code compare} can
 * re-analyse them.
 */
public final class AbMeasurement {

    private static final JmhMapping MAPPING = JmhMapping.byBenchmark();

    private final List<JmhCombination> combinations;
    private final Map<String, Map<Integer, List<JmhResult>>> forks = new LinkedHashMap<>();
    private final Map<String, Map<Integer, List<MeasuredFork>>> layout = new LinkedHashMap<>();

    private final List<String> unmatched;

    AbMeasurement(List<JmhCombination> combinations, List<String> unmatched) {
        this.combinations = List.copyOf(combinations);
        this.unmatched = List.copyOf(unmatched);
    }

    /** What one side had and the other did not, one line per side; empty unless measured with common ones only. */
    public List<String> unmatched() {
        return unmatched;
    }

    public List<JmhCombination> combinations() {
        return combinations;
    }

    void add(String side, int index, JmhResult fork, int pass, long startedMillis, double otherCpuPct) {
        // By combination index, so that both sides list their subsections in JMH's order, not the random one measured.
        forks.computeIfAbsent(side, s -> new TreeMap<>()).computeIfAbsent(index, i -> new ArrayList<>()).add(fork);
        layout.computeIfAbsent(side, s -> new TreeMap<>()).computeIfAbsent(index, i -> new ArrayList<>())
                .add(MeasuredFork.of(fork, 0, startedMillis, pass, false, null, otherCpuPct));
    }

    /** How many forks of {@code side} have been measured. */
    int forks(String side) {
        return forks.getOrDefault(side, Map.of()).values().stream().mapToInt(List::size).sum();
    }

    /**
     * The data sets measured, in JMH's order: one per benchmark method and mode, named as the main
     * job names them ({@link BenchmarkName#dataset}: {@code get}, {@code get-thrpt}), each with its own
     * unit and direction and, side by side, its own shift.
     */
    public List<String> datasets() {
        return combinations.stream().map(c -> BenchmarkName.dataset(c.benchmark(), c.mode())).distinct().toList();
    }

    /**
     * One side's samples of one data set: section {@code Class.method}, subsection its parameters,
     * every fork's samples one after another, with their layout.
     *
     * @throws InvalidInputException when the data set's benchmarks report different units
     */
    public Dataset side(String side, String dataset, String source) {
        List<JmhResult> merged = new ArrayList<>();
        Map<SubsectionKey, List<MeasuredFork>> forkLayout = new LinkedHashMap<>();
        JmhMapping mapping = MAPPING.withQualifiedWhereNeeded(combinations.stream().map(JmhCombination::benchmark).toList());
        String unit = null;
        for (Map.Entry<Integer, List<JmhResult>> e : forks.getOrDefault(side, Map.of()).entrySet()) {
            JmhCombination combination = combinations.get(e.getKey());
            if (!BenchmarkName.dataset(combination.benchmark(), combination.mode()).equals(dataset)) {
                continue;
            }
            JmhResult first = e.getValue().get(0);
            List<double[]> samples = e.getValue().stream().map(f -> f.samples().get(0)).toList();
            JmhResult all = new JmhResult(first.benchmark(), first.mode(), first.params(), first.unit(), samples,
                    Map.of(), Map.of(), first.run());
            if (unit != null && !unit.equals(first.unit())) {
                throw new InvalidInputException(side + " side: " + all.describe() + " is in " + first.unit()
                        + ", other benchmarks of " + dataset + " in " + unit + "; select one unit with a regex or -tu");
            }
            unit = first.unit();
            merged.add(all);
            forkLayout.put(mapping.key(all), layout.get(side).get(e.getKey()));
        }
        PerformanceData data = mapping.toData(merged);
        return new Dataset(data, unit, platform(merged), source, new ForkLayout(forkLayout));
    }

    /** The JVM that measured, from JMH's own record of it. */
    private static Platform platform(List<JmhResult> results) {
        if (results.isEmpty()) {
            return Platform.UNKNOWN;
        }
        Map<String, String> run = results.get(0).run();
        return Platform.ofJvm(run.get("jdkVersion"), run.get("vmName"), run.get("vmVersion"));
    }

    /** The JVM version one side ran on, e.g. {@code 17.0.15}; null before any fork. */
    public String jvmVersion(String side) {
        return forks.getOrDefault(side, Map.of()).values().stream().findFirst()
                .map(list -> list.get(0).run().get("jdkVersion")).orElse(null);
    }

    /**
     * Writes one side as {@code file} (PerformanceData) and its sidecar (unit, platform, forks and
     * {@code extra}), each atomically; an existing file is never replaced.
     */
    public static void write(Dataset side, Path file, Map<String, Object> extra) throws IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        side.data().toJsonFile(file, AtomicFiles.WriteMode.CREATE_NEW);
        new Sidecar(side.unit(), side.platform(), side.forks()).write(Sidecar.pathFor(file), extra,
                AtomicFiles.WriteMode.CREATE_NEW);
    }
}
