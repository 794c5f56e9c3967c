package org.perfregression.ab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.perfregression.data.AtomicFolder;
import org.perfregression.data.InvalidInputException;

/**
 * The results folder of one A/B run, the one owner of its file names: each side's samples as a
 * folder of PerformanceData files, one per benchmark method and mode as the main job writes them
 * ({@code baseline/get.json}, {@code current/get-thrpt.json}) with their sidecars, each side's JMH log
 * ({@code jmh-baseline.log}, ...), and the single forks' results while they are merged
 * ({@code forks/}).
 *
 * @param dir the folder
 */
public record AbFolder(Path dir) {

    /** A side's samples: a folder of PerformanceData files, one per data set, as {@code compare} reads folders. */
    public Path samples(String side) {
        return dir.resolve(side);
    }

    /** A side's samples of one data set (a benchmark method in one mode, {@code BenchmarkName#dataset}). */
    public Path samples(String side, String dataset) {
        return samples(side).resolve(dataset + ".json");
    }

    /** A side's JMH log: the host's and every fork's output. */
    public Path log(String side) {
        return dir.resolve("jmh-" + side + ".log");
    }

    /** Where single forks' JMH results wait to be merged. */
    Path forks() {
        return dir.resolve("forks");
    }

    /** Every file and folder the run reads back or leaves behind: no report may replace or land in one of them. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (String side : List.of(AbSide.BASELINE, AbSide.CURRENT)) {
            files.add(samples(side));
            files.add(log(side));
        }
        return files;
    }

    /**
     * Creates the folder. Each run gets a folder of its own: one that holds anything (an earlier or
     * interrupted run, a set of baselines, a project) is refused, since the run's files would mix with
     * or replace what is there.
     *
     * @param option names the folder in errors
     * @return whether the folder was created (not there before)
     */
    public boolean create(String option) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(option + " " + dir + ": a file, not a folder; give a new or empty folder");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                List<String> there = entries.map(p -> p.getFileName().toString()).sorted().limit(4).toList();
                if (!there.isEmpty()) {
                    throw new InvalidInputException(option + " " + dir + ": not empty (" + String.join(", ", there)
                            + (there.size() == 4 ? ", ..." : "") + "); an A/B run writes into a new or empty folder of "
                            + "its own, so that it never mixes with an earlier run or replaces baselines");
                }
            }
            return false;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(option + " " + dir + ": cannot create the folder (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return true;
    }

    /** Removes {@code path} and everything under it; what cannot be removed is left. */
    public static void delete(Path path) {
        try {
            AtomicFolder.deleteTree(path);
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: a leftover temporary file is no reason to hide the run's own outcome
        }
    }
}
