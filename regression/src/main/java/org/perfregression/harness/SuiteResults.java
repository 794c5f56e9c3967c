package org.perfregression.harness;

import org.perfregression.analysis.SuiteKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.FileNames;
import org.perfregression.data.InputFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.JsonProblem;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.input.Dataset;
import org.perfregression.input.Sidecar;
import org.perfregression.jmh.BenchmarkName;
import org.perfregression.jmh.JmhMapping;
import org.perfregression.jmh.JmhResult;
import org.perfregression.jmh.JmhResultReader;
import org.perfregression.platform.Platform;

/**
 * A finished run turned into PerformanceData: one data set per benchmark method and mode, built from JMH's
 * own JSON, with every expected combination present, and per benchmark the fork layout the gate
 * needs (which fork each sample came from, the calibration time beside it, from the fork log).
 *
 * @param byBenchmark PerformanceData per benchmark method and mode ({@link org.perfregression.jmh.BenchmarkName#dataset}),
 *     in JMH's order: every fork, confirmation forks included
 * @param layouts the fork layout of each benchmark's data
 * @param jmhResults the raw JMH results
 */
public record SuiteResults(Map<String, PerformanceData> byBenchmark, Map<String, ForkLayout> layouts,
        List<JmhResult> jmhResults) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The PerformanceData files of {@code dir} with their sidecars (a set of baselines), as results
     * without JMH's own: for what a set says about itself ({@link BaselineQuality}) after it was made.
     */
    public static SuiteResults ofDataFolder(Path dir) {
        Map<String, PerformanceData> data = new LinkedHashMap<>();
        Map<String, ForkLayout> layouts = new LinkedHashMap<>();
        org.perfregression.input.BenchmarkFolder.benchmarks(dir).forEach((benchmark, file) -> {
            Dataset dataset = org.perfregression.input.DatasetLoader.withDefaults().load(file);
            data.put(benchmark, dataset.data());
            layouts.put(benchmark, dataset.forks());
        });
        return new SuiteResults(data, layouts, List.of());
    }

    /**
     * Reads {@code folder}'s JMH result and fork log.
     *
     * @param expected what the run was asked for; null to accept whatever is there
     * @throws InvalidInputException if a combination is missing (a benchmark that failed silently) or the file is bad
     */
    public static SuiteResults read(ResultsFolder folder, List<SuiteKey> expected, JmhMapping mapping) {
        List<JmhResult> results = JmhResultReader.read(folder.jmhResult());
        Map<String, Deque<JsonNode>> forkLog = readForkLog(folder);
        Map<String, PerformanceData> byBenchmark = new LinkedHashMap<>();
        Map<String, ForkLayout> layouts = new LinkedHashMap<>();
        JmhMapping qualified = mapping.withQualifiedWhereNeeded(results.stream().map(JmhResult::benchmark).toList());
        JmhMapping.byDataset(results).forEach((method, group) -> {
            FileNames.requirePlain(method, folder.jmhResult() + ": benchmark");
            requireOneUnit(method, group, folder);
            byBenchmark.put(method, qualified.toData(group));
            Map<SubsectionKey, List<MeasuredFork>> layout = new LinkedHashMap<>();
            for (JmhResult r : group) {
                SubsectionKey key = qualified.key(r);
                layout.put(key, forks(r, forkLog.getOrDefault(method + " " + key, new ArrayDeque<>()), folder));
                forkLog.remove(method + " " + key);
            }
            layouts.put(method, new ForkLayout(layout));
        });
        if (!forkLog.isEmpty()) {
            // The fork log names every fork that ran; one without a result is a benchmark that failed.
            throw new InvalidInputException(folder.forkLog() + ": " + forkLog.size() + " logged combination"
                    + (forkLog.size() == 1 ? "" : "s") + " have no result in " + folder.jmhResult() + " (did they fail?): "
                    + String.join(", ", forkLog.keySet().stream().sorted().toList()));
        }
        if (expected != null) {
            List<String> missing = new ArrayList<>();
            for (SuiteKey key : expected) {
                PerformanceData data = byBenchmark.get(key.benchmark());
                if (data == null || !data.has(key.key().section(), key.key().subsection())) {
                    missing.add(key.toString());
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidInputException(folder.jmhResult() + ": " + missing.size() + " of " + expected.size()
                        + " benchmark combinations have no result (did they fail?): " + String.join(", ", missing));
            }
        }
        return new SuiteResults(byBenchmark, layouts, results);
    }

    /** A data set is compared in one unit and direction: benchmarks sharing a method name must share their unit. */
    private static void requireOneUnit(String dataset, List<JmhResult> group, ResultsFolder folder) {
        for (JmhResult r : group) {
            if (!java.util.Objects.equals(r.unit(), group.get(0).unit())) {
                throw new InvalidInputException(folder.jmhResult() + ": " + group.get(0).describe() + " and "
                        + r.describe() + " share the data set '" + dataset + "' (one per method name and mode) but "
                        + "measure in " + group.get(0).unit() + " and " + r.unit() + "; give them one @OutputTimeUnit");
            }
        }
    }

    private static List<MeasuredFork> forks(JmhResult r, Deque<JsonNode> log, ResultsFolder folder) {
        List<MeasuredFork> forks = new ArrayList<>();
        for (int f = 0; f < r.samples().size(); f++) {
            double[] speed = ForkLayout.calibration(r, f);
            JsonNode entry = log.pollFirst();
            forks.add(entry == null
                    ? MeasuredFork.of(r, f, 0, 0, false, speed, Double.NaN)
                    : MeasuredFork.of(r, f, entry.path("startedMillis").asLong(0), entry.path("pass").asInt(0),
                            entry.path("confirmation").asBoolean(false), speed,
                            entry.path("otherCpuPct").isNumber() ? entry.get("otherCpuPct").asDouble() : Double.NaN));
        }
        if (!log.isEmpty()) {
            throw new InvalidInputException(folder.forkLog() + ": more forks logged for " + r.describe()
                    + " than " + folder.jmhResult() + " has");
        }
        return forks;
    }

    /**
     * What the run in {@code folder} set out to measure, from its {@code plan.json}; null for a folder
     * without one (made by JMH itself, or by a version before plans).
     */
    public static List<SuiteKey> readPlan(ResultsFolder folder) {
        if (!Files.exists(folder.plan())) {
            return null;
        }
        List<SuiteKey> plan = new ArrayList<>();
        for (JsonNode entry : readArray(folder.plan(), "combinations")) {
            for (String field : new String[] {"benchmark", "section", "subsection"}) {
                if (!entry.path(field).isTextual()) {
                    throw new InvalidInputException(folder.plan() + ": an entry lacks the string field '" + field + "'");
                }
            }
            plan.add(new SuiteKey(entry.get("benchmark").asText(),
                    new SubsectionKey(entry.get("section").asText(), entry.get("subsection").asText())));
        }
        return plan;
    }

    /** A JSON array file of the results folder, or the one-line reason it cannot be one. */
    private static JsonNode readArray(Path file, String of) {
        InputFiles.requireReadable(file);
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isArray()) {
                throw new InvalidInputException(file + ": must be a JSON array of " + of);
            }
            return root;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + JsonProblem.describe(e));
        }
    }

    /** The fork log by {@code benchmark section.subsection}, each in run order; empty for runs that have none. */
    private static Map<String, Deque<JsonNode>> readForkLog(ResultsFolder folder) {
        Map<String, Deque<JsonNode>> log = new HashMap<>();
        if (!Files.exists(folder.forkLog())) {
            return log;
        }
        for (JsonNode fork : readArray(folder.forkLog(), "forks")) {
            String key = fork.path("benchmark").asText() + " "
                    + new SubsectionKey(fork.path("section").asText(), fork.path("subsection").asText());
            log.computeIfAbsent(key, k -> new ArrayDeque<>()).add(fork);
        }
        return log;
    }

    /**
     * Writes {@code <benchmark>.json} for every benchmark into {@code folder}, each with a sidecar
     * naming its unit, the platform it was measured on and its fork layout, so that {@code compare} can check them later.
     */
    public void write(ResultsFolder folder) throws IOException {
        for (Map.Entry<String, PerformanceData> entry : byBenchmark.entrySet()) {
            entry.getValue().toJsonFile(folder.data(entry.getKey()));
            sidecar(entry.getKey()).writeFor(folder.data(entry.getKey()));
        }
    }

    /** One benchmark's samples as a comparison takes them, named by its data file in {@code folder}. */
    public Dataset dataset(String benchmark, ResultsFolder folder) {
        return new Dataset(byBenchmark.get(benchmark), unit(benchmark), platform(), folder.data(benchmark).toString(),
                layouts.get(benchmark));
    }

    public Sidecar sidecar(String benchmark) {
        return new Sidecar(unit(benchmark), platform(), layouts.get(benchmark));
    }

    /**
     * Where the samples were measured: this machine, with the JVM that JMH reports ({@code -jvm} may
     * have run another one). Re-analysed results keep the JVM they were measured on.
     */
    public Platform platform() {
        if (jmhResults.isEmpty()) {
            return Platform.current();
        }
        return Platform.current().runningJvm(jmhResults.get(0).run());
    }

    /** The JMH modes of the results, e.g. {@code [avgt]}. */
    public java.util.Set<String> modes() {
        java.util.Set<String> modes = new java.util.LinkedHashSet<>();
        jmhResults.forEach(r -> modes.add(r.mode()));
        return modes;
    }

    /** Every calibration kernel time of every fork, ns; empty when the forks recorded none. */
    public double[] calibrationNs() {
        return layouts.values().stream().flatMapToDouble(l -> java.util.Arrays.stream(l.speeds())).toArray();
    }

    /** Other processes' mean CPU share (% of all cores) over the forks that recorded it; NaN when none did. */
    public double otherCpuPct() {
        double[] shares = layouts.values().stream().flatMap(l -> l.forks().values().stream()).flatMap(List::stream)
                .mapToDouble(MeasuredFork::otherCpuPct).filter(Double::isFinite).toArray();
        return shares.length == 0 ? Double.NaN : java.util.Arrays.stream(shares).average().orElse(Double.NaN);
    }

    /** The unit of the primary metric that every benchmark shares; null when they differ (or there are none). */
    public String unit() {
        java.util.Set<String> units = new java.util.HashSet<>();
        jmhResults.forEach(r -> units.add(r.unit()));
        return units.size() == 1 ? units.iterator().next() : null;
    }

    /** The unit of one benchmark's (data set's) primary metric; null when it has no results. */
    public String unit(String benchmark) {
        return jmhResults.stream().filter(r -> BenchmarkName.dataset(r.benchmark(), r.mode()).equals(benchmark))
                .map(JmhResult::unit).findFirst().orElse(null);
    }
}
