package org.perfregression.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.perfregression.data.InputFiles;
import org.perfregression.data.InvalidInputException;
import org.perfregression.data.PerformanceData;
import org.perfregression.data.SubsectionKey;
import org.perfregression.gate.ForkLayout;
import org.perfregression.gate.MeasuredFork;
import org.perfregression.jmh.JmhMapping;
import org.perfregression.jmh.JmhResult;
import org.perfregression.jmh.JmhResultReader;
import org.perfregression.platform.Platform;

/**
 * Loads a {@link Dataset} from a PerformanceData file (with its {@link Sidecar}) or a JMH result
 * file, telling them apart by content: JMH writes a JSON array, PerformanceData is an object.
 *
 * <p>Immutable: configure how JMH results map with {@link #with(JmhMapping)}, keep one mode with
 * {@link #withMode}, and gate on a secondary metric instead of the score with {@link #withMetric}.
 *
 * @param mapping how JMH results become sections and subsections
 * @param mode the only JMH mode to keep ({@code avgt}, {@code thrpt}, ...), or null for all
 * @param metric a secondary metric to take instead of the primary score, or null
 */
public record DatasetLoader(JmhMapping mapping, String mode, String metric) {

    public static DatasetLoader withDefaults() {
        return new DatasetLoader(JmhMapping.byBenchmark(), null, null);
    }

    public DatasetLoader with(JmhMapping mapping) {
        return new DatasetLoader(mapping, mode, metric);
    }

    public DatasetLoader withMode(String mode) {
        return new DatasetLoader(mapping, mode, metric);
    }

    public DatasetLoader withMetric(String metric) {
        return new DatasetLoader(mapping, mode, metric);
    }

    public Dataset load(Path file) {
        InputFiles.requireReadable(file);
        if (isEmptyFile(file)) {
            throw new InvalidInputException(file + ": empty file (an aborted JMH run leaves its result file empty)");
        }
        if (JmhResultReader.looksLikeJmh(file)) {
            return fromJmh(file, JmhResultReader.read(file));
        }
        PerformanceData data = PerformanceData.fromJsonFile(file);
        Sidecar sidecar = Sidecar.of(file);
        return new Dataset(data, sidecar.unit(), sidecar.platform(), file.toString(), sidecar.forks());
    }

    private static boolean isEmptyFile(Path file) {
        try {
            return java.nio.file.Files.size(file) == 0;
        } catch (java.io.IOException e) {
            return false; // the reader will name the problem
        }
    }

    /** The dataset of JMH results read from {@code file}. */
    public Dataset fromJmh(Path file, List<JmhResult> all) {
        List<JmhResult> results = mode == null ? all : all.stream().filter(r -> r.mode().equals(mode)).toList();
        if (results.isEmpty()) {
            throw new InvalidInputException(file + ": no results in mode " + mode + " (it has: "
                    + String.join(", ", all.stream().map(JmhResult::mode).distinct().toList()) + ")");
        }
        Set<String> units = new LinkedHashSet<>();
        for (JmhResult r : results) {
            units.add(metric == null ? r.unit() : r.secondaryUnits().getOrDefault(metric, ""));
        }
        if (units.size() > 1) {
            throw new InvalidInputException(file + ": the results have different units (" + String.join(", ", units)
                    + "); keep one mode with --mode");
        }
        PerformanceData data;
        try {
            data = metric == null ? mapping.toData(results) : mapping.toSecondaryData(results, metric);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
        JmhResult first = results.get(0);
        Platform platform = Platform.ofJvm(first.run().get("jdkVersion"), first.run().get("vmName"),
                first.run().get("vmVersion"));
        String unit = units.iterator().next();
        return new Dataset(data, unit.isEmpty() ? null : unit, platform, file.toString(),
                metric == null ? layout(results) : null);
    }

    /** Each result's forks as JMH stored them ({@code rawData} per fork), with calibration where present. */
    private ForkLayout layout(List<JmhResult> results) {
        Map<SubsectionKey, List<MeasuredFork>> forks = new LinkedHashMap<>();
        for (JmhResult r : results) {
            List<MeasuredFork> list = new ArrayList<>();
            for (int f = 0; f < r.samples().size(); f++) {
                if (r.samples().get(f).length > 0) {
                    list.add(MeasuredFork.of(r, f, 0, f + 1, false, ForkLayout.calibration(r, f), Double.NaN));
                }
            }
            forks.put(mapping.key(r), list);
        }
        return new ForkLayout(forks);
    }
}
