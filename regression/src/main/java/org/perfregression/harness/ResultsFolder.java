package org.perfregression.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.perfregression.data.FileNames;
import org.perfregression.data.InvalidInputException;
import org.perfregression.input.BenchmarkFolder;
import org.perfregression.input.Sidecar;

/**
 * One run's folder: JMH's JSON ({@code jmh-result.json}), log ({@code jmh.log}) and fork log
 * ({@code forks.json}), a PerformanceData
 * file per benchmark ({@code constructor.json}, ...), and the reports.
 */
public record ResultsFolder(Path dir) {

    /** {@code results/<yyyyMMdd-HHmmss>} under the working directory. */
    public static ResultsFolder timestamped() {
        return new ResultsFolder(Path.of("results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    }

    public ResultsFolder create() throws IOException {
        Files.createDirectories(dir);
        return this;
    }

    public Path jmhResult() {
        return dir.resolve("jmh-result.json");
    }

    /** Which pass each fork belonged to, when it started, how busy the machine was (written by {@link SuiteRun}). */
    public Path forkLog() {
        return dir.resolve("forks.json");
    }

    public Path jmhLog() {
        return dir.resolve("jmh.log");
    }

    /** What the run set out to measure ({@link SuiteRun} writes it first): a failed combination is missing from the results. */
    public Path plan() {
        return dir.resolve("plan.json");
    }

    public Path data(String benchmark) {
        return BenchmarkFolder.data(dir, benchmark);
    }

    public Path report(String name) {
        return dir.resolve(FileNames.requirePlain(name, "report"));
    }

    /**
     * Fails if this folder is, or lies inside, the ground-truth folder {@code gtRoot}, or holds a set
     * of baselines: writing a run's files there would replace baselines without {@code --force}.
     */
    public ResultsFolder requireOutside(Path gtRoot, String option) {
        Path here = dir.toAbsolutePath().normalize();
        Path gt = gtRoot.toAbsolutePath().normalize();
        if (here.startsWith(gt) || Files.isRegularFile(dir.resolve(Sidecar.FOLDER_METADATA))) {
            throw new InvalidInputException(option + " " + dir + ": that is a ground-truth folder (or inside "
                    + gtRoot + "); a run's files would replace baselines there. Choose another folder");
        }
        return this;
    }
}
