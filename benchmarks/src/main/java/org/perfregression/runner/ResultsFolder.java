package org.perfregression.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One run's folder: JMH's JSON ({@code jmh-result.json}), log ({@code jmh.log}) and fork log
 * ({@code forks.json}), a PerformanceData
 * file per benchmark ({@code constructor.json}, ...), and the reports.
 */
record ResultsFolder(Path dir) {

    /** {@code results/<yyyyMMdd-HHmmss>} under the working directory. */
    static ResultsFolder timestamped() {
        return new ResultsFolder(Path.of("results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    }

    ResultsFolder create() throws IOException {
        Files.createDirectories(dir);
        return this;
    }

    Path jmhResult() {
        return dir.resolve("jmh-result.json");
    }

    /** Which pass each fork belonged to, when it started, how busy the machine was (written by {@link SuiteRun}). */
    Path forkLog() {
        return dir.resolve("forks.json");
    }

    Path jmhLog() {
        return dir.resolve("jmh.log");
    }

    Path data(String benchmark) {
        return dir.resolve(benchmark + ".json");
    }

    Path report(String name) {
        return dir.resolve(name);
    }
}
