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
