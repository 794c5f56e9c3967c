package org.perfregression.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.perfregression.data.FileNames;
import org.perfregression.data.InvalidInputException;

/**
 * The on-disk names of a folder of benchmarks, the one owner of them: a ground-truth platform
 * folder and a results folder both hold one PerformanceData file per benchmark,
 * {@code <benchmark>.json}, its sidecar {@code <benchmark>.meta.json}, and beside them files that are
 * not benchmarks ({@code metadata.json}, JMH's {@code jmh-result.json}, the run's {@code forks.json}
 * and {@code plan.json}, reports {@code report.*}, hidden staging files).
 */
public final class BenchmarkFolder {

    /** Files of a folder that are never a benchmark's data. */
    private static final java.util.Set<String> NOT_DATA = java.util.Set.of(Sidecar.FOLDER_METADATA, "jmh-result.json",
            "forks.json", "plan.json");

    private BenchmarkFolder() {
    }

    /** Whether {@code fileName} is a benchmark's PerformanceData file. */
    public static boolean isData(String fileName) {
        return fileName.endsWith(".json") && !fileName.endsWith(".meta.json") && !fileName.startsWith(".")
                && !fileName.startsWith("report.") && !fileName.endsWith(".report.json") && !NOT_DATA.contains(fileName);
    }

    /** {@code <dir>/<benchmark>.json}; the name must be a plain file name. */
    public static Path data(Path dir, String benchmark) {
        return dir.resolve(FileNames.requirePlain(benchmark, "benchmark") + ".json");
    }

    /** The benchmark a data file holds: its name without {@code .json}. */
    public static String benchmarkOf(Path dataFile) {
        String name = dataFile.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /**
     * The files of {@code dir} that hold data: every benchmark's data file and sidecar and the folder's
     * {@code metadata.json}; or, for a file, the file and its sidecar. What no report may replace.
     */
    public static java.util.List<Path> dataFiles(Path dirOrFile) {
        java.util.List<Path> files = new java.util.ArrayList<>();
        if (Files.isDirectory(dirOrFile)) {
            for (Path data : benchmarks(dirOrFile).values()) {
                files.add(data);
                files.add(Sidecar.pathFor(data));
            }
            files.add(dirOrFile.resolve(Sidecar.FOLDER_METADATA));
        } else {
            files.add(dirOrFile);
            files.add(Sidecar.pathFor(dirOrFile));
        }
        return files;
    }

    /**
     * The benchmarks of {@code dir} by name, sorted, each with its data file; fails when a benchmark's
     * sidecar is there without its data file: the benchmark belongs to the folder, and its data is lost.
     *
     * @param role what the folder is to the caller, e.g. {@code baseline}, for the error
     */
    public static Map<String, Path> complete(Path dir, String role) {
        Map<String, Path> benchmarks = benchmarks(dir);
        try (Stream<Path> files = Files.list(dir)) {
            java.util.List<String> orphans = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(SIDECAR_SUFFIX) && !name.startsWith("."))
                    .map(name -> name.substring(0, name.length() - SIDECAR_SUFFIX.length()))
                    .filter(benchmark -> !benchmarks.containsKey(benchmark)).sorted().toList();
            if (!orphans.isEmpty()) {
                throw new InvalidInputException(dir + ": the " + role + " has " + orphans.get(0) + SIDECAR_SUFFIX
                        + " but no " + orphans.get(0) + ".json" + (orphans.size() > 1 ? " (and " + (orphans.size() - 1)
                        + " more benchmarks without data: " + String.join(", ", orphans.subList(1, orphans.size())) + ")"
                        : "") + ": its data file is missing; restore it (e.g. from git) or remove the benchmark's sidecar");
            }
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list the benchmarks: " + e.getMessage());
        }
        return benchmarks;
    }

    private static final String SIDECAR_SUFFIX = ".meta.json";

    /** The benchmarks of {@code dir} by name, sorted, each with its data file. */
    public static Map<String, Path> benchmarks(Path dir) {
        Map<String, Path> benchmarks = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return benchmarks;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> isData(f.getFileName().toString()) && Files.isRegularFile(f))
                    .forEach(f -> benchmarks.put(benchmarkOf(f), f));
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list the benchmarks: " + e.getMessage());
        }
        return benchmarks;
    }
}
