package org.perfregression.input;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.perfregression.data.PerformanceData;
import org.perfregression.gate.ForkLayout;
import org.perfregression.platform.MachineSpeed;
import org.perfregression.platform.Platform;
import org.perfregression.platform.PlatformMismatchException;

/**
 * The baselines a run is judged against, per benchmark: a set of ground truth
 * ({@code harness.GroundTruth}) or this machine's recent runs from the history
 * ({@code history.HistoryBaseline}).
 *
 * @param where what they are, for messages: a folder, or a history and its runs
 * @param datasets each benchmark's samples with unit, platform and fork layout
 * @param mode the JMH mode they were measured in; null if unknown
 * @param platform where they were measured
 * @param speed how fast that machine ran the calibration kernel; null if unknown
 * @param files the files they were read from, which no report may overwrite; empty for a database
 * @param missing what to do about a benchmark they lack, said when one is asked for; null when a
 *     benchmark without a baseline is simply new (the history: it starts with this run)
 */
public record Baselines(String where, Map<String, Dataset> datasets, String mode, Platform platform, MachineSpeed speed,
        List<Path> files, String missing) {

    public Baselines {
        datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
        files = List.copyOf(files);
    }

    /** Whether {@code benchmark} has a baseline. */
    public boolean has(String benchmark) {
        return datasets.containsKey(benchmark);
    }

    /**
     * One benchmark's baseline.
     *
     * @throws PlatformMismatchException when it has none, saying what to do
     */
    public Dataset dataset(String benchmark) {
        Dataset dataset = datasets.get(benchmark);
        if (dataset == null) {
            throw new PlatformMismatchException("no baseline for " + benchmark + " in " + where
                    + (missing == null ? "" : "; " + missing));
        }
        return dataset;
    }

    /** Each benchmark's samples. */
    public Map<String, PerformanceData> byBenchmark() {
        Map<String, PerformanceData> data = new LinkedHashMap<>();
        datasets.forEach((benchmark, dataset) -> data.put(benchmark, dataset.data()));
        return data;
    }

    /** Each benchmark's fork layout, for those that have one (baselines made before the gate have none). */
    public Map<String, ForkLayout> layouts() {
        Map<String, ForkLayout> layouts = new LinkedHashMap<>();
        datasets.forEach((benchmark, dataset) -> {
            if (dataset.forks() != null) {
                layouts.put(benchmark, dataset.forks());
            }
        });
        return layouts;
    }

    /** Each benchmark's unit, for those whose unit is known. */
    public Map<String, String> units() {
        Map<String, String> units = new LinkedHashMap<>();
        datasets.forEach((benchmark, dataset) -> {
            if (dataset.unit() != null) {
                units.put(benchmark, dataset.unit());
            }
        });
        return units;
    }
}
