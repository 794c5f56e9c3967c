package org.perfregression.maven;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JMH run of a project's benchmarks in a forked JVM, from the project's test class path (where
 * JMH's annotation processor put {@code META-INF/BenchmarkList}), with fail-on-error and the JSON
 * result file. Progress lines go to the build log; a benchmark that throws is named with its error.
 *
 * @param javaExecutable the java executable
 * @param classPath the project's test class path: its classes, test classes and dependencies
 * @param options JMH's command line: the include pattern and options
 * @param result where JMH writes its JSON
 * @param log where JMH's whole output goes
 */
record JmhRun(Path javaExecutable, List<String> classPath, List<String> options, Path result, Path log) {

    /** A benchmark that threw, or a run that failed otherwise. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /**
     * Runs JMH; {@code progress} sees the lines a user wants on the console ({@code # Benchmark:},
     * {@code # Run progress:}, {@code # Fork:}).
     *
     * @throws Failure naming the benchmarks that failed and why
     */
    void run(Consumer<String> progress) throws IOException, InterruptedException, Failure {
        Files.createDirectories(result.getParent());
        Files.deleteIfExists(result);
        List<String> command = new ArrayList<>(List.of(javaExecutable.toString(), "-cp", String.join(File.pathSeparator,
                classPath), "org.openjdk.jmh.Main"));
        command.addAll(options);
        command.addAll(List.of("-foe", "true", "-rf", "json", "-rff", result.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> failures = new LinkedHashMap<>();
        String benchmark = null;
        boolean failing = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var logFile = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = out.readLine()) != null;) {
                logFile.write(line);
                logFile.newLine();
                if (line.startsWith("# Benchmark: ")) {
                    benchmark = line.substring("# Benchmark: ".length()).trim();
                    progress.accept(line);
                } else if (line.startsWith("# Run progress:") || line.startsWith("# Fork:")) {
                    progress.accept(line);
                } else if (line.contains("<failure>")) {
                    failing = true;
                } else if (failing && !line.isBlank()) {
                    failures.putIfAbsent(benchmark == null ? "(unknown benchmark)" : benchmark, line.trim());
                    failing = false;
                }
            }
        }
        int exit = process.waitFor();
        if (!failures.isEmpty()) {
            List<String> named = new ArrayList<>();
            failures.forEach((b, why) -> named.add(b + ": " + why));
            throw new Failure("benchmark failed: " + String.join("; ", named) + " (JMH's output: " + log + ")");
        }
        if (exit != 0 || !Files.isRegularFile(result) || Files.size(result) == 0) {
            throw new Failure("JMH ended with exit code " + exit + " and no results (JMH's output: " + log + ")");
        }
    }
}
