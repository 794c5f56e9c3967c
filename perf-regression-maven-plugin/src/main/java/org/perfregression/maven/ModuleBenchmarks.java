package org.perfregression.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a module's build output holds of JMH benchmarks: the list that JMH's annotation processor
 * writes ({@code META-INF/BenchmarkList}), or classes with {@code @Benchmark} methods but no list (the
 * processor did not run: on JDK 23 and later {@code javac} no longer runs processors it finds on the
 * class path), or nothing (a module of a multi-module build that has no benchmarks).
 *
 * @param listed whether a benchmark list exists
 * @param unlisted a compiled class with {@code @Benchmark} methods when there is no list
 */
record ModuleBenchmarks(boolean listed, Optional<Path> unlisted) {

    static final String LIST = "META-INF/BenchmarkList";

    /** The annotation's descriptor as it appears in a class file's constant pool. */
    private static final byte[] BENCHMARK = "Lorg/openjdk/jmh/annotations/Benchmark;".getBytes(StandardCharsets.US_ASCII);

    /** Looks in {@code outputDirectories} (a module's classes and test classes; missing ones are skipped). */
    static ModuleBenchmarks in(List<Path> outputDirectories) {
        for (Path dir : outputDirectories) {
            if (Files.isRegularFile(dir.resolve(LIST))) {
                return new ModuleBenchmarks(true, Optional.empty());
            }
        }
        for (Path dir : outputDirectories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                Optional<Path> annotated = files.filter(f -> f.toString().endsWith(".class")).filter(ModuleBenchmarks::hasBenchmark)
                        .findFirst();
                if (annotated.isPresent()) {
                    return new ModuleBenchmarks(false, Optional.of(dir.relativize(annotated.get())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ModuleBenchmarks(false, Optional.empty());
    }

    /** Whether the module has no benchmarks at all. */
    boolean none() {
        return !listed && unlisted.isEmpty();
    }

    /** The one-line error for benchmarks without a list, naming the fix. */
    String missingListError() {
        return unlisted.map(c -> c + " has @Benchmark methods, but the build wrote no " + LIST + ": JMH's annotation "
                + "processor did not run. Add org.openjdk.jmh:jmh-generator-annprocess to the maven-compiler-plugin's "
                + "<annotationProcessorPaths> (JDK 23 and later no longer run processors found on the class path; "
                + "or pass -proc:full)").orElse("");
    }

    private static boolean hasBenchmark(Path classFile) {
        try {
            byte[] bytes = Files.readAllBytes(classFile);
            outer:
            for (int i = 0; i <= bytes.length - BENCHMARK.length; i++) {
                for (int j = 0; j < BENCHMARK.length; j++) {
                    if (bytes[i + j] != BENCHMARK[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
